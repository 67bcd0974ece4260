import LatentCore
import LatentLinalg
import LatentTestSupport
import Testing

/// The covariance streamed over chunks of rows against the SVD of the whole matrix in memory, on real images.
@Suite struct StreamedPCATests {
    /// The first 5,000 Fashion-MNIST train images (N = 5,000, D = 784), pixels in [0, 1].
    static var rows: Tensor? { TestData.fashionMNIST.map { $0.train.images.rows(0..<5_000) } }

    /// |cos| of the angle between each pair of components: 1 when they agree up to sign.
    static func agreement(_ a: PCA, _ b: PCA) -> [Float] {
        let (k, d) = (a.componentCount, a.mean.count)
        let (x, y) = (a.components.scalars, b.components.scalars)
        return (0..<k).map { i in abs((0..<d).reduce(Float(0)) { $0 + x[i * d + $1] * y[i * d + $1] }) }
    }

    static func largestRelativeGap(_ a: [Float], _ b: [Float]) -> Float {
        zip(a, b).map { abs($0 - $1) / max(abs($1), 1e-12) }.max() ?? 0
    }

    @Test(.enabled(if: TestData.hasFashionMNIST, "needs Debian's dataset-fashion-mnist"), arguments: [777, 5_000])
    func streamedCovarianceEqualsTheInMemorySVD(chunkRows: Int) throws {
        let data = try #require(Self.rows)
        let streamed = try PCA.fit(data, components: 12, solver: .covariance, chunkRows: chunkRows)
        let inMemory = try PCA.fit(data, components: 12, solver: .svd)
        // The top 12 eigenvalues of Fashion-MNIST are apart by more than 2%, so each direction is well defined.
        #expect(Self.agreement(streamed, inMemory).allSatisfy { $0 > 0.9999 })
        #expect(Self.largestRelativeGap(streamed.explainedVariance, inMemory.explainedVariance) < 1e-4)
        #expect(abs(streamed.totalVariance - inMemory.totalVariance) < 1e-4 * inMemory.totalVariance)
        #expect(zip(streamed.mean.scalars, inMemory.mean.scalars).allSatisfy { abs($0 - $1) < 1e-6 })
    }

    /// Images moved far from zero keep their covariance. Forming X^T X and subtracting N m m^T in Float would lose
    /// it to cancellation (a pixel's square near 10^6, its variance near 0.1); centring each chunk does not.
    @Test(.enabled(if: TestData.hasFashionMNIST, "needs Debian's dataset-fashion-mnist"))
    func aLargeOffsetCostsNoPrecision() throws {
        let data = try #require(Self.rows)
        let plain = try PCA.fit(data, components: 8, solver: .covariance, chunkRows: 1_000)
        let shifted = try PCA.fit(data + 1_000, components: 8, solver: .covariance, chunkRows: 1_000)
        #expect(Self.agreement(shifted, plain).allSatisfy { $0 > 0.999 })
        #expect(Self.largestRelativeGap(shifted.explainedVariance, plain.explainedVariance) < 1e-3)
    }

    @Test(.enabled(if: TestData.hasFashionMNIST, "needs Debian's dataset-fashion-mnist"))
    func chunksAddedByHandEqualTheFit() throws {
        let data = try #require(Self.rows)
        var accumulated = CovarianceAccumulator(features: 784)
        for start in stride(from: 0, to: 5_000, by: 1_300) {
            try accumulated.add(data.rows(start..<min(start + 1_300, 5_000)))
        }
        #expect(accumulated.count == 5_000)
        let byHand = try PCA.fit(accumulated, components: 6)
        let fitted = try PCA.fit(data, components: 6, solver: .covariance, chunkRows: 1_300)
        #expect(byHand.components.scalars == fitted.components.scalars)
        #expect(byHand.explainedVariance == fitted.explainedVariance)
    }

    @Test(.enabled(if: TestData.hasFashionMNIST, "needs Debian's dataset-fashion-mnist"))
    func aSampleOfEveryRowIsTheFullFitAndASmallerOneIsClose() throws {
        let data = try #require(Self.rows)
        let full = try PCA.fit(data, components: 6)
        for fitting in [PCA.Fitting(sample: 5_000, seed: 3), PCA.Fitting(sample: 9_000, seed: 3)] {
            let all = try PCA.fit(data, components: 6, fitting: fitting)
            #expect(all.components.scalars == full.components.scalars && all.mean.scalars == full.mean.scalars)
        }
        let sampled = try PCA.fit(data, components: 6, fitting: PCA.Fitting(sample: 2_000, seed: 3))
        let again = try PCA.fit(data, components: 6, fitting: PCA.Fitting(sample: 2_000, seed: 3))
        let otherSeed = try PCA.fit(data, components: 6, fitting: PCA.Fitting(sample: 2_000, seed: 4))
        #expect(sampled.components.scalars == again.components.scalars)
        #expect(sampled.mean.scalars != otherSeed.mean.scalars)
        // 2,000 of 5,000 images: the leading directions and the variance they explain barely move.
        #expect(Self.agreement(sampled, full).prefix(2).allSatisfy { $0 > 0.99 })
        #expect(abs(sampled.explainedVarianceRatio.reduce(0, +) - full.explainedVarianceRatio.reduce(0, +)) < 0.02)
    }

    /// Every entry of the streamed covariance against one summed in Double by plain loops: 101 rows of 37 features
    /// offset by 3 (for the centring to remove), whose triangle splits into bands at uneven rows, in chunks of one
    /// row, of 7 rows and of all of them.
    @Test(arguments: [1, 7, 101])
    func everyEntryMatchesADoubleReference(chunkRows: Int) throws {
        let (n, d) = (101, 37)
        var generator = SeededGenerator(seed: 5)
        let data = Tensor.uniform([n, d], in: -1...1, using: &generator) + 3
        var accumulated = CovarianceAccumulator(features: d)
        for start in stride(from: 0, to: n, by: chunkRows) {
            try accumulated.add(data.rows(start..<min(start + chunkRows, n)))
        }
        let x = data.scalars.map(Double.init)
        let mean = (0..<d).map { j in (0..<n).reduce(0.0) { $0 + x[$1 * d + j] } / Double(n) }
        let covariance = accumulated.covariance().scalars
        var largestError = 0.0
        for i in 0..<d {
            for j in i..<d {
                let expected =
                    (0..<n).reduce(0.0) { $0 + (x[$1 * d + i] - mean[i]) * (x[$1 * d + j] - mean[j]) } / Double(n - 1)
                largestError = max(largestError, abs(Double(covariance[i * d + j]) - expected))
            }
        }
        #expect(largestError < 1e-5)  // a variance is about 1/3; a band multiplied or merged wrongly is off by 0.01+
        // Each chunk's column sums run in Float over blocks of 256 rows, as the SVD path's do: a sum near 300 rounds
        // by up to 1.5e-5 at each step, so a mean of values near 3 may be off by a few parts in a million.
        #expect(zip(accumulated.mean, mean).allSatisfy { abs($0 - $1) < 1e-5 })
    }

    @Test func solverChoiceByShape() {
        #expect(PCA.Solver.suited(rows: 60_000, features: 784) == .covariance)
        #expect(PCA.Solver.suited(rows: 300, features: 12_288) == .svd)
        // 16,500 photos at 74 x 74 RGB: the covariance now, where it used to be refused.
        #expect(PCA.Solver.suited(rows: 16_500, features: 16_428) == .covariance)
        #expect(PCA.Solver.suited(rows: 1_000_000, features: 30_000) == .svd)
        #expect(PCA.Fitting(sample: 200).solver(rows: 60_000, features: 784) == .svd)
        #expect(PCA.Fitting(solver: .covariance, sample: 200).solver(rows: 60_000, features: 784) == .covariance)
    }

    @Test func aChunkOfTheWrongWidthIsRefused() throws {
        var accumulated = CovarianceAccumulator(features: 4)
        #expect(throws: LatentError("covariance of 4 features: a chunk of shape [2, 3] does not fit")) {
            try accumulated.add(Tensor(zeros: [2, 3]))
        }
        #expect(throws: LatentError("PCA: 1 components need at least 2 rows, got 0")) {
            try PCA.fit(accumulated, components: 1)
        }
    }
}
