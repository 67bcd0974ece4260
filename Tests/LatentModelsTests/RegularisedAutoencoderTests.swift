import Foundation
import LatentCore
import LatentData
import LatentModels
import LatentNN
import LatentTestSupport
import Testing

/// The test reconstruction error of the train images' mean image, which a model that learns nothing reaches.
private func meanImageError(_ data: (train: ImageDataset, test: ImageDataset)) -> Double {
    let mean = data.train.images.mean(axes: [0]).scalars.map(Double.init)
    let test = data.test.images.scalars
    var total: Double = 0
    for (index, value) in test.enumerated() {
        let difference = Double(value) - mean[index % mean.count]
        total += difference * difference
    }
    return total / Double(test.count)
}

@Suite(.enabled(if: TestData.hasMNIST, "needs ../shared/data/mnist"))
struct RegularisedAutoencoderTests {
    func autoencoder(_ architecture: AutoencoderArchitecture, code: Int = 32) throws -> Autoencoder {
        var generator = SeededGenerator(seed: 7)
        return try Autoencoder(try architecture.spec(codeSize: code).build(using: &generator))
    }

    /// Trains for `epochs` at batch 32 (63 steps an epoch) with Adam at 0.003; returns the train losses and the test
    /// reconstruction error.
    func train(
        _ model: Autoencoder, epochs: Int = 3, learningRate: Float = 3e-3
    ) throws -> (losses: [Double], testMSE: Double) {
        let data = try #require(TestData.mnistSample)
        let reports = try model.fit(
            data.train, options: TrainingOptions(epochs: epochs, batchSize: 32, seed: 1),
            optimizer: Adam(learningRate: learningRate))
        return (reports.map(\.trainLoss), model.reconstructionError(data.test.images))
    }

    @Test func vqvaeLearnsWithSeveralCodesAndItsCodebookRoundTrips() throws {
        let model = try autoencoder(.vqvae)
        let quantizer = try #require(model.quantizer)
        #expect(quantizer.codes == 256 && quantizer.size == 8)
        let (losses, testMSE) = try train(model)
        #expect(losses.last ?? 0 < losses[0], "\(losses)")
        let data = try #require(TestData.mnistSample)
        #expect(testMSE < 0.9 * meanImageError(data), "test MSE \(testMSE), mean image \(meanImageError(data))")
        let usage = try #require(model.codebookUsage(of: data.test.images))
        #expect(usage.used > 8 && usage.perplexity > 4, "\(usage)")

        let scratch = try ScratchDirectory()
        let file = scratch.path("vqvae.h5")
        try Checkpoint(model: model.model).save(to: file)
        let reloaded = try Autoencoder(try Checkpoint.load(from: file).buildModel())
        let codebook = try #require(reloaded.quantizer).codebook
        #expect(codebook.scalars.map(\.bitPattern) == quantizer.codebook.scalars.map(\.bitPattern))
    }

    @Test func waeMMDLearnsAndPullsTheCodesTowardsThePrior() throws {
        var wae = try autoencoder(.dense)
        wae.mmdWeight = 0.1
        let (losses, testMSE) = try train(wae)
        #expect(losses.last ?? 0 < losses[0], "\(losses)")
        let data = try #require(TestData.mnistSample)
        #expect(testMSE < 0.9 * meanImageError(data), "test MSE \(testMSE), mean image \(meanImageError(data))")
        let plain = try autoencoder(.dense)
        _ = try train(plain)
        let test = data.test.images
        var generator = SeededGenerator(seed: 9)
        let prior = Tensor.normal([test.shape[0], 32], using: &generator)
        let mmd = { (model: Autoencoder) in Loss.maximumMeanDiscrepancy(model.encode(test), prior, scale: 64).item }
        #expect(mmd(wae) < mmd(plain) / 2, "MMD to N(0, I): WAE \(mmd(wae)), plain \(mmd(plain))")
    }

    @Test func contractiveAutoencoderLearnsAndContracts() throws {
        var contractive = try autoencoder(.shallow, code: 64)
        contractive.contractiveWeight = 1e-3
        let weight = try contractive.contractiveEncoderWeight()
        let (losses, testMSE) = try train(contractive, learningRate: 1e-2)
        #expect(losses.last ?? 0 < losses[0], "\(losses)")
        let data = try #require(TestData.mnistSample)
        #expect(testMSE < 0.9 * meanImageError(data), "test MSE \(testMSE), mean image \(meanImageError(data))")
        let plain = try autoencoder(.shallow, code: 64)
        _ = try train(plain, learningRate: 1e-2)
        let test = data.test.images
        let penalty = { (model: Autoencoder, weight: Tensor) in
            Loss.contractivePenalty(hidden: model.encode(test), weight: weight).item
        }
        let plainWeight = try plain.contractiveEncoderWeight()
        #expect(
            penalty(contractive, weight) < penalty(plain, plainWeight) / 2,
            "Jacobian norm: contractive \(penalty(contractive, weight)), plain \(penalty(plain, plainWeight))")
    }

    @Test func contractiveIsRefusedWhereTheJacobianHasNoClosedForm() throws {
        let dense = try autoencoder(.dense)
        #expect {
            _ = try dense.contractiveEncoderWeight()
        } throws: { error in
            "\(error)".contains("one linear layer and a sigmoid") && "\(error)".contains("ReLU")
        }
    }
}
