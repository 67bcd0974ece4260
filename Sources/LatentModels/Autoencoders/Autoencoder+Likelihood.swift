import Foundation
import LatentCore
import LatentNN

extension Autoencoder {
    /// The negative log-likelihood of binary `images` under a Bernoulli variational model, estimated by importance
    /// sampling with the posterior as proposal: -log (1/K) sum_k p(x | z_k) p(z_k) / q(z_k | x), averaged over the
    /// images, in nats. Burda et al. use K = 5,000.
    ///
    /// Each image's K codes are decoded as one (K, code) matrix product (several images at once when K is small),
    /// without gradients, and their log-weights are averaged in Double by log-sum-exp.
    ///
    /// - Parameters:
    ///   - images: (N, D) binary images, such as a test split binarised once.
    ///   - samples: K, the codes drawn per image.
    ///   - seed: seeds the codes' noise, so that an estimate can be repeated.
    ///   - progress: called after each group of images with the number done and the total.
    /// - Returns: the mean negative log-likelihood in nats.
    /// - Throws: a `LatentError` when the model is not a variational autoencoder with a Bernoulli decoder.
    public func negativeLogLikelihood(
        _ images: Tensor, samples: Int = 5000, seed: UInt64 = 0, progress: (Int, Int) -> Void = { _, _ in }
    ) throws -> Double {
        guard let variational, variational.likelihood == .bernoulli else {
            throw LatentError(
                "a likelihood needs a variational autoencoder with a Bernoulli decoder (arch burda, or variational "
                    + "with --likelihood bernoulli); this model is \(model.spec.summary)")
        }
        precondition(samples > 0, "negativeLogLikelihood needs at least one sample, got \(samples)")
        var generator = SeededGenerator(seed: seed)
        let count = images.shape[0]
        // About 5,000 decoded rows per group: one image at K = 5,000, many at small K.
        let groupSize = max(1, 5000 / samples)
        var total: Double = 0
        model.forEachBatch(of: images, batchSize: groupSize) { start, group in
            let (mean, logVariance) = variational.distribution(group)
            let logWeights = variational.logImportanceWeights(
                mean: mean, logVariance: logVariance, targets: group, samples: samples, using: &generator)
            logWeights.withUnsafeBufferPointer { weights in
                for row in 0..<group.shape[0] {
                    total -= Self.logMeanExp(weights.baseAddress! + row * samples, count: samples)
                }
            }
            progress(start + group.shape[0], count)
        }
        return total / Double(max(count, 1))
    }

    /// log (1/n) sum e^x over n values, in Double.
    private static func logMeanExp(_ x: UnsafePointer<Float>, count n: Int) -> Double {
        var largest = -Double.infinity
        for i in 0..<n { largest = max(largest, Double(x[i])) }
        var sum: Double = 0
        for i in 0..<n { sum += Foundation.exp(Double(x[i]) - largest) }
        return largest + Foundation.log(sum / Double(n))
    }
}
