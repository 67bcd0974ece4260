import LatentData
import LatentModels

/// Everything one autoencoder training job is asked for: `latent train ae`'s flags and an autoencoder experiment
/// file's keys both decode into it, and `AutoencoderPipeline` runs it.
public struct AutoencoderSettings: Sendable {
    /// Batch normalisation after every hidden layer, or none.
    public enum Normalisation: String, CaseIterable, Sendable {
        case none
        /// For the dense and deep autoencoders.
        case batch
    }

    public var architecture: AutoencoderArchitecture = .dense
    public var codeSize = 32
    /// Denoising: the noise put on training inputs (`nil`: none).
    public var corruption: Corruption?
    /// Sparse: the weight of the L1 penalty on the code (0: none).
    public var sparsity: Float = 0
    /// VQ-VAE: the commitment loss's weight, beta; WAE-MMD: the MMD's weight (0: none); contractive: the weight of
    /// the encoder Jacobian's squared norm (0: none).
    public var commitment: Float = 0.25, mmd: Float = 0, contractive: Float = 0
    /// Adversarial autoencoder: lambda, the regularisation phase's learning rate over the reconstruction's (0: no
    /// discriminator).
    public var adversarial: Float = 0
    /// Regularised autoencoder (RAE-L2): the weight of 1/2 ||z||^2 per image and of the L2 penalty on the decoder.
    public var codePenalty: Float = 0, decoderWeightDecay: Float = 0
    /// VQ-VAE: entries in the codebook.
    public var codebook = AutoencoderArchitecture.codebookEntries
    public var normalisation = Normalisation.none
    public var training = TrainingSettings()
    /// The test images drawn beside their nearest train images, one picture each.
    public var queries = [0]
    /// How many nearest train images each of those pictures shows.
    public var neighbours = 5
    /// The decoder, objective, binarisation and likelihood estimate of a variational autoencoder.
    public var variational = Variational()

    public init() {}
}
