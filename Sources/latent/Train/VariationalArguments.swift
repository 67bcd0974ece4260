import ArgumentParser
import LatentExperiments
import LatentModels
import LatentNN

/// `latent train ae`'s flags for a variational autoencoder: its decoder, its objective, binarised MNIST and the
/// test likelihood estimated after training.
struct VariationalArguments: ParsableArguments {
    @Option(help: "Variational decoder: gaussian (pixels, squared error) or bernoulli (logits, cross-entropy).")
    var likelihood: VariationalAutoencoder.Likelihood = .gaussian

    @Option(parsing: .unconditional, help: "beta-VAE: the weight of the KL term.")
    var beta: Float = 1

    @Option(
        parsing: .unconditional,
        help: "IWAE: codes drawn per image in the importance-weighted bound (1: the VAE's ELBO; Bernoulli only).")
    var importanceSamples = 1

    @Option(help: "Binarisation of the training images: none, or dynamic (pixels drawn from Bernoulli each batch).")
    var binarise: AutoencoderSettings.Variational.Binarisation = .none

    @Option(
        parsing: .unconditional,
        help: "After training, the test NLL by importance sampling: codes per image (5000 in the papers; 0: none).")
    var nllSamples = 0

    @Option(parsing: .unconditional, help: "The test images that estimate reads, from the first (default: all).")
    var nllImages: Int?

    func validate() throws {
        try OptionChecks.requireNonNegative(beta, "--beta")
        try OptionChecks.require(importanceSamples, in: 1...10_000, "--importance-samples")
        try OptionChecks.require(nllSamples, in: 0...1_000_000, "--nll-samples")
        if let nllImages { try OptionChecks.require(nllImages, in: 1...OptionChecks.largestCount, "--nll-images") }
    }

    /// The settings these flags ask for.
    var settings: AutoencoderSettings.Variational {
        var settings = AutoencoderSettings.Variational()
        settings.likelihood = likelihood
        settings.objective = VariationalObjective(beta: beta, importanceSamples: importanceSamples)
        settings.binarisation = binarise
        settings.likelihoodSamples = nllSamples
        settings.likelihoodImages = nllImages
        return settings
    }
}

extension VariationalAutoencoder.Likelihood: ExpressibleByArgument {}
extension AutoencoderSettings.Variational.Binarisation: ExpressibleByArgument {}
