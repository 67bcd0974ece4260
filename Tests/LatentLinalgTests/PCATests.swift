import LatentCore
import LatentLinalg
import LatentTestSupport
import Testing

@Suite struct PCATests {
    @Test(arguments: PCA.Solver.allCases)
    func pointsOnALineWorkedByHand(solver: PCA.Solver) throws {
        let data = Tensor(shape: [4, 2], scalars: [1, 2, 2, 4, 3, 6, 4, 8])
        let pca = try PCA.fit(data, components: 1, solver: solver)
        // Direction (1, 2)/sqrt(5); projections sqrt(5) * (1...4) have sample variance 5 * 5/3.
        #expect(abs(pca.components.scalars[0] - 1 / Float(5).squareRoot()) < 1e-5)
        #expect(abs(pca.components.scalars[1] - 2 / Float(5).squareRoot()) < 1e-5)
        #expect(abs(pca.explainedVariance[0] - 25 / 3) < 1e-4)
        #expect(abs(pca.explainedVarianceRatio[0] - 1) < 1e-5)
        #expect(pca.mean.scalars == [2.5, 5])
        let codes = try pca.transform(data)
        #expect(abs(codes.scalars[0] - (-1.5 * Float(5).squareRoot())) < 1e-4)
        #expect(try pca.reconstructionError(data) < 1e-10)
    }

    @Test(arguments: PCA.Solver.allCases)
    func allComponentsReconstructExactly(solver: PCA.Solver) throws {
        let data = randomTensor([50, 6], seed: 3)
        let pca = try PCA.fit(data, components: 6, solver: solver)
        #expect(try pca.reconstructionError(data) < 1e-10)
        #expect(abs(pca.explainedVariance.reduce(0, +) - pca.totalVariance) < 1e-4 * pca.totalVariance)
        #expect(zip(pca.explainedVariance, pca.explainedVariance.dropFirst()).allSatisfy { $0 >= $1 })
        // Components are orthonormal.
        let gram = pca.components.matmul(pca.components.transposed()).scalars
        for i in 0..<6 { for j in 0..<6 { #expect(abs(gram[i * 6 + j] - (i == j ? 1 : 0)) < 1e-4) } }
    }

    @Test func solversAgreeAndWhiteningGivesUnitVariance() throws {
        let data = randomTensor([200, 10], seed: 4) * randomTensor([10], in: 0.1...3, seed: 5)
        let byCovariance = try PCA.fit(data, components: 4)
        let bySVD = try PCA.fit(data, components: 4, solver: .svd)
        for (a, b) in zip(byCovariance.components.scalars, bySVD.components.scalars) { #expect(abs(a - b) < 1e-3) }
        for (a, b) in zip(byCovariance.explainedVariance, bySVD.explainedVariance) { #expect(abs(a - b) < 1e-3 * a) }
        let white = try PCA.fit(data, components: 4, whiten: true)
        let codes = try white.transform(data)
        let first = (0..<200).map { codes.scalars[$0 * 4] }
        #expect(abs(first.map { $0 * $0 }.reduce(0, +) / 199 - 1) < 1e-3)
        let reconstructed = try white.inverseTransform(codes)
        let plain = try byCovariance.inverseTransform(try byCovariance.transform(data))
        for (a, b) in zip(reconstructed.scalars, plain.scalars) { #expect(abs(a - b) < 1e-3) }
    }

    @Test func badRequestsAreNamed() throws {
        let data = randomTensor([5, 3], seed: 1)
        #expect(throws: LatentError("PCA: 4 components asked of 3-dimensional data (1...3)")) {
            try PCA.fit(data, components: 4)
        }
        #expect(throws: LatentError("PCA: 3 components need at least 3 rows, got 2")) {
            try PCA.fit(randomTensor([2, 3], seed: 1), components: 3)
        }
        data[element: 4] = .nan
        #expect(throws: LatentError("PCA: non-finite value nan at row 1, column 1")) {
            try PCA.fit(data, components: 2)
        }
        let pca = try PCA.fit(randomTensor([5, 3], seed: 1), components: 2)
        #expect(throws: LatentError.self) { try pca.transform(randomTensor([2, 4], seed: 1)) }
    }

    @Test(.enabled(if: TestData.hasFashionMNIST, "needs Debian's dataset-fashion-mnist"))
    func fashionMNISTMatchesScikitLearn() throws {
        let data = try #require(TestData.fashionMNIST)
        let pca = try PCA.fit(data.train.images, components: 32)
        let mse = try pca.reconstructionError(data.test.images)
        // scikit-learn's PCA(32) on the same split gives 0.01514.
        #expect(abs(mse - 0.01514) < 0.000005, "test MSE \(mse)")
    }
}
