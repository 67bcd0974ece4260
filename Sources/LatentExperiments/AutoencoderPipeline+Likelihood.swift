import Foundation
import LatentCore
import LatentData
import LatentModels

extension AutoencoderPipeline {
    /// The test split as the model is measured on it: binarised once, with a fixed seed, when training binarises
    /// its batches, so that every evaluation sees the same binary images.
    func measuredSplit(_ test: ImageDataset) -> ImageDataset {
        variational.binarisation == .dynamic ? test.binarised(seed: AutoencoderSettings.Variational.testSeed) : test
    }

    /// The test negative log-likelihood by importance sampling with `variational.likelihoodSamples` codes per image,
    /// over the first `likelihoodImages` test images; `nil` when not asked for. Logs a progress line every tenth.
    func estimateLikelihood(_ autoencoder: Autoencoder, test: ImageDataset, log: (String) -> Void) throws -> Double? {
        let samples = variational.likelihoodSamples
        guard samples > 0 else { return nil }
        let count = min(variational.likelihoodImages ?? test.count, test.count)
        let images = test.images.rows(0..<count)
        log("estimating the test negative log-likelihood: \(count) images, \(samples) samples each")
        let start = Date()
        var reported = 0
        let nll = try autoencoder.negativeLogLikelihood(images, samples: samples, seed: training.seed) { done, total in
            guard done * 10 / total > reported || done == total else { return }
            reported = done * 10 / total
            log(String(format: "  %d/%d images, %.0f s", done, total, Date().timeIntervalSince(start)))
        }
        log(String(format: "test negative log-likelihood %.2f nats (%d samples per image)", nll, samples))
        return nll
    }
}
