import Foundation
import LatentCore

extension VariationalAutoencoder {
    /// log w_k = log p(x | z_k) + log p(z_k) - log q(z_k | x) for K codes z_k drawn from each image's posterior by
    /// reparameterisation: the terms of the importance-weighted bound (Burda et al., 2016) and of the likelihood
    /// estimate, for a Bernoulli decoder.
    ///
    /// Every image's K codes go through the decoder as one (N * K, code) matrix. log q uses the noise directly,
    /// -(e^2 + log-variance) / 2 per unit, which equals the Gaussian's log-density at z; the log(2 pi) terms of
    /// q and of the prior cancel and are left out.
    /// N = images, K = samples, C = code units, D = pixels.
    ///
    /// - Parameters:
    ///   - mean: the posterior means, (N, C), as `distribution` gives them.
    ///   - logVariance: the posterior log-variances, (N, C).
    ///   - targets: the binary images whose likelihood is weighed, (N, D).
    ///   - samples: K, the codes drawn per image.
    ///   - generator: draws the noise of the codes.
    /// - Returns: (N, K) log-weights, differentiable in the encoder's and the decoder's parameters.
    public func logImportanceWeights(
        mean: Tensor, logVariance: Tensor, targets: Tensor, samples: Int,
        using generator: inout some RandomNumberGenerator
    ) -> Tensor {
        precondition(likelihood == .bernoulli, "importance weights need a Bernoulli decoder, this one is \(likelihood)")
        precondition(samples > 0, "importance weights need at least one sample, got \(samples)")
        let (n, c, d) = (mean.shape[0], codeSize, targets.shape[1])
        // noise, z: (N, K, C); the posterior's statistics broadcast over K.
        let noise = Tensor.normal([n, samples, c], using: &generator)
        let z = mean.reshaped([n, 1, c]) + (logVariance * 0.5).exp().reshaped([n, 1, c]) * noise
        let logPosterior = ((noise * noise).sum(axes: [2]) + logVariance.sum(axes: [1]).reshaped([n, 1])) * -0.5
        let logPrior = (z * z).sum(axes: [2]) * -0.5
        // logits, repeated: (N * K, D), image i's K copies in consecutive rows.
        let logits = decoder(z.reshaped([n * samples, c]))
        let repeated = targets.reshaped([n, 1, d]).broadcasted(to: [n, samples, d]).reshaped([n * samples, d])
        let logLikelihood = Tensor.bernoulliLogLikelihood(logits: logits, targets: repeated).reshaped([n, samples])
        return logLikelihood + logPrior - logPosterior
    }

    /// The importance-weighted bound of each image, log (1/K) sum_k w_k, from K reparameterised codes: the ELBO at
    /// K = 1, tighter as K grows.
    ///
    /// - Parameters:
    ///   - input: the images the encoder reads, (N, D).
    ///   - targets: the binary images whose likelihood is bounded, (N, D); usually `input` itself.
    ///   - samples: K, the codes drawn per image.
    ///   - generator: draws the noise of the codes.
    /// - Returns: (N) bounds in nats, differentiable.
    public func importanceWeightedBound(
        input: Tensor, targets: Tensor, samples: Int, using generator: inout some RandomNumberGenerator
    ) -> Tensor {
        let (mean, logVariance) = distribution(input)
        let logWeights = logImportanceWeights(
            mean: mean, logVariance: logVariance, targets: targets, samples: samples, using: &generator)
        return logWeights.logSumExpRows() - Foundation.log(Float(samples))
    }
}
