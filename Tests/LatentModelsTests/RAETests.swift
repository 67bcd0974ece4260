import Foundation
import LatentCore
import LatentData
import LatentLinalg
import LatentModels
import LatentNN
import LatentTestSupport
import Testing

/// The regularised autoencoder (RAE-L2) and the VQ-VAE's codebook size, on real MNIST digits.
@Suite(.enabled(if: TestData.hasMNIST, "needs ../shared/data/mnist"))
struct RAETests {
    func autoencoder(_ architecture: AutoencoderArchitecture, codebookEntries: Int = 256) throws -> Autoencoder {
        var generator = SeededGenerator(seed: 7)
        return try Autoencoder(
            try architecture.spec(codeSize: 32, codebookEntries: codebookEntries).build(using: &generator))
    }

    /// Trains for `epochs` at batch 32 (63 steps an epoch) with Adam at 0.003; returns the train losses.
    func train(_ model: Autoencoder, epochs: Int = 3) throws -> [Double] {
        let data = try #require(TestData.mnistSample)
        return try model.fit(
            data.train, options: TrainingOptions(epochs: epochs, batchSize: 32, seed: 1),
            optimizer: Adam(learningRate: 3e-3)
        ).map(\.trainLoss)
    }

    /// The mean over images of ||z||^2.
    func meanSquaredCodeNorm(_ model: Autoencoder, _ images: Tensor) -> Double {
        let codes = model.encode(images)
        return Double((codes * codes).sum().item) / Double(codes.shape[0])
    }

    @Test func raeLearnsWithSmallerCodesAndItsCodeDensityRoundTrips() throws {
        let data = try #require(TestData.mnistSample)
        var rae = try autoencoder(.dense)
        (rae.codePenaltyWeight, rae.decoderWeightDecay) = (1e-4, 1e-6)
        let losses = try train(rae)
        #expect(losses.last ?? 0 < losses[0] * 0.7, "\(losses)")
        let testMSE = rae.reconstructionError(data.test.images)
        let mean = data.train.images.mean(axes: [0])
        let meanImageError = Double(((data.test.images - mean) * (data.test.images - mean)).mean().item)
        #expect(testMSE < 0.7 * meanImageError, "test MSE \(testMSE), the train images' mean image \(meanImageError)")
        let plain = try autoencoder(.dense)
        _ = try train(plain)
        let (raeNorm, plainNorm) = (
            meanSquaredCodeNorm(rae, data.test.images), meanSquaredCodeNorm(plain, data.test.images)
        )
        // Measured: 5.7 against 62, test MSE 0.043 against the plain model's 0.040.
        #expect(raeNorm < plainNorm / 4, "mean ||z||^2: RAE \(raeNorm), plain \(plainNorm)")
        let plainMSE = plain.reconstructionError(data.test.images)
        #expect(testMSE < 1.25 * plainMSE, "test MSE: RAE \(testMSE), plain \(plainMSE)")

        let fit = try GaussianMixture.fit(rae.encode(data.train.images), components: 10, seed: 1)
        rae.codeDensity = fit.mixture
        let scratch = try ScratchDirectory()
        let file = scratch.path("rae.h5")
        var checkpoint = Checkpoint(model: rae.model)
        checkpoint.codeDensity = fit.mixture
        try checkpoint.save(to: file)
        let density = try #require(try Checkpoint.load(from: file).codeDensity)
        for (read, written) in [
            (density.weights, fit.mixture.weights), (density.means, fit.mixture.means),
            (density.covariances, fit.mixture.covariances),
        ] {
            #expect(read.shape == written.shape && read.scalars.map(\.bitPattern) == written.scalars.map(\.bitPattern))
        }
        #expect(try Checkpoint.load(from: scratch.path("plain.h5", saving: plain)).codeDensity == nil)

        // Codes drawn from the density decode into digit-like images: their mean is near the test images' mean.
        var generator = SeededGenerator(seed: 3)
        let samples = try rae.decode(density.sample(500, using: &generator))
        let (sampleMean, testMean) = (samples.mean().item, data.test.images.mean().item)
        #expect(abs(sampleMean - testMean) < 0.03, "mean pixel: samples \(sampleMean), test images \(testMean)")
        let picture = try GenerativePictures.densitySamples(of: rae, from: density, shape: (1, 28, 28))
        #expect(picture.width > 10 * 28 && picture.height > 4 * 28)
    }

    @Test func aCodebookOf16EntriesUsesAtMost16() throws {
        let model = try autoencoder(.vqvae, codebookEntries: 16)
        let quantizer = try #require(model.quantizer)
        #expect(quantizer.codes == 16 && quantizer.size == 8)
        _ = try train(model, epochs: 1)
        let data = try #require(TestData.mnistSample)
        let usage = try #require(model.codebookUsage(of: data.test.images))
        #expect(usage.used <= 16 && usage.used >= 2, "\(usage)")
        let scratch = try ScratchDirectory()
        let reloaded = try Autoencoder(try Checkpoint.load(from: scratch.path("vq.h5", saving: model)).buildModel())
        #expect(try #require(reloaded.quantizer).codes == 16)
    }
}

extension ScratchDirectory {
    /// The path of `name` here, with `model`'s checkpoint saved to it.
    fileprivate func path(_ name: String, saving model: Autoencoder) throws -> String {
        let file = path(name)
        try Checkpoint(model: model.model).save(to: file)
        return file
    }
}
