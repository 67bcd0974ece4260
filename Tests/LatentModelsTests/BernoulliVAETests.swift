import Foundation
import LatentCore
import LatentData
import LatentModels
import LatentNN
import LatentTestSupport
import Testing

@Suite struct BernoulliVAETests {
    /// 2,000 MNIST train images and 10 test images binarised once, or `nil` without MNIST.
    private static func mnist() throws -> (train: ImageDataset, test: ImageDataset) {
        let train = try KnownDataset.mnist.load(.train, from: TestData.mnistDirectory).selecting(Array(0..<2000))
        let test = try KnownDataset.mnist.load(.test, from: TestData.mnistDirectory).selecting(Array(0..<10))
        return (train, test.binarised(seed: 1))
    }

    private static func burda(codeSize: Int, seed: UInt64) throws -> Autoencoder {
        var generator = SeededGenerator(seed: seed)
        return try Autoencoder(try AutoencoderArchitecture.burda.spec(codeSize: codeSize).build(using: &generator))
    }

    @Test(.enabled(if: TestData.hasMNIST)) func learnsBinarisedMNISTAndTheBoundTightensWithSamples() throws {
        let (train, test) = try Self.mnist()
        var model = try Self.burda(codeSize: 20, seed: 3)
        model.binarisesBatches = true
        let untrained = try model.negativeLogLikelihood(test.images, samples: 100, seed: 1)
        let reports = try model.fit(
            train, options: TrainingOptions(epochs: 4, batchSize: 50, seed: 1), optimizer: Adam(learningRate: 3e-3))
        // Measured: 544 nats untrained; losses 254, 217, 208, 199 over 4 epochs; then NLL 186.4, minus the ELBO 192.4.
        #expect(reports[0].trainLoss > reports[3].trainLoss + 30, "\(reports.map(\.trainLoss))")
        let nll = try model.negativeLogLikelihood(test.images, samples: 5000, seed: 1)
        let elbo = try model.negativeLogLikelihood(test.images, samples: 1, seed: 1)
        #expect(
            untrained > 400 && nll < 200,
            "untrained \(untrained), trained \(nll) nats, losses \(reports.map(\.trainLoss))")
        // log p(x) >= the K-sample bound >= the ELBO: the 5,000-sample estimate lies at or below minus the ELBO.
        #expect(nll <= elbo, "NLL \(nll) with 5000 samples, minus the ELBO \(elbo)")
    }

    @Test(.enabled(if: TestData.hasMNIST)) func importanceWeightedTrainingLearns() throws {
        let (train, test) = try Self.mnist()
        var model = try Self.burda(codeSize: 10, seed: 4)
        (model.binarisesBatches, model.variationalObjective.importanceSamples) = (true, 5)
        let reports = try model.fit(
            train.selecting(Array(0..<1000)), options: TrainingOptions(epochs: 3, batchSize: 50, seed: 2))
        #expect(reports[0].trainLoss > reports[2].trainLoss + 20, "\(reports.map(\.trainLoss))")
        #expect(try model.negativeLogLikelihood(test.images, samples: 500, seed: 1) < 250)
    }

    @Test func theOutputIsTheSigmoidOfTheLogitsAndOldSpecsAreGaussian() throws {
        let model = try Self.burda(codeSize: 3, seed: 1)
        let variational = try #require(model.model as? VariationalAutoencoder)
        variational.setTraining(false)
        let images = randomTensor([2, 784], in: 0...1, seed: 2)
        let logits = variational.decoder(variational.distribution(images).mean)
        let output = model.reconstruct(images)
        #expect(zip(output.scalars, logits.scalars).allSatisfy { abs($0 - 1 / (1 + exp(-$1))) < 1e-6 })

        // A description written before decoders had a likelihood reads as Gaussian.
        let gaussian = try AutoencoderArchitecture.variational.spec(codeSize: 2)
        let json = String(decoding: try JSONEncoder().encode(gaussian), as: UTF8.self)
        let old = json.replacingOccurrences(of: #","likelihood":"gaussian""#, with: "")
            .replacingOccurrences(of: #""likelihood":"gaussian","#, with: "")
        #expect(old != json && !old.contains("likelihood"))
        #expect(try LayerSpec.decoded(fromJSON: old) == gaussian)
    }

    @Test func aGaussianModelHasNoLikelihood() throws {
        var generator = SeededGenerator(seed: 1)
        let model = try Autoencoder(try AutoencoderArchitecture.variational.spec(codeSize: 2).build(using: &generator))
        #expect(throws: LatentError.self) { try model.negativeLogLikelihood(Tensor(zeros: [1, 784])) }
    }
}
