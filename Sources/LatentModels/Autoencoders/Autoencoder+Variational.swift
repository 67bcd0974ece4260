import LatentCore
import LatentNN

extension Autoencoder {
    /// A variational model's objective on one batch, averaged over its images: minus the importance-weighted bound
    /// when `variationalObjective` draws more than one code per image, else the reconstruction term plus beta times
    /// the KL term in closed form.
    ///
    /// The reconstruction term is per image: the squared error summed over pixels for a Gaussian decoder, so that
    /// the two terms keep their usual balance, or the binary cross-entropy summed over pixels for a Bernoulli one.
    ///
    /// - Parameters:
    ///   - input: (N, C * H * W) images as the encoder sees them (augmented or corrupted, when asked).
    ///   - targets: the images the decoder must give back.
    /// - Precondition: the model is a variational autoencoder.
    public func variationalLoss(input: Tensor, targets: Tensor) -> Tensor {
        guard let variational else { preconditionFailure("variationalLoss needs a variational autoencoder") }
        let samples = variationalObjective.importanceSamples
        if samples > 1 {
            return -variational.importanceWeightedBound(
                input: input, targets: targets, samples: samples, using: &variational.generator
            ).mean()
        }
        let (mean, logVariance) = variational.distribution(input)
        let output = variational.decoder(variational.sample(mean: mean, logVariance: logVariance))
        let reconstruction: Tensor
        switch variational.likelihood {
        case .gaussian: reconstruction = Loss.meanSquaredError(output, targets) * Float(targets.shape[1])
        case .bernoulli: reconstruction = -Tensor.bernoulliLogLikelihood(logits: output, targets: targets).mean()
        }
        return reconstruction + Loss.gaussianKLDivergence(mean: mean, logVariance: logVariance)
            * variationalObjective.beta
    }
}
