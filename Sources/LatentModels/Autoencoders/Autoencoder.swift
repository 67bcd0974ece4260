import LatentCore
import LatentData
import LatentLinalg
import LatentNN

/// A trained or fresh autoencoder: its encoder and decoder, and how it is trained (plain, denoising, sparse, variational,
/// vector-quantized, WAE-MMD, contractive).
public struct Autoencoder {
    public let model: any Layer
    /// Noise on the input only, for a denoising autoencoder.
    public var corruption: Corruption?
    /// Random edits of the input only (crop, flip, colour, blur, JPEG), made before any corruption: the autoencoder
    /// learns to rebuild the clean image from an augmented view.
    public var augmentation: Augmentation?
    /// Weight of the L1 penalty on the code, for a sparse autoencoder (0: none).
    public var sparsityWeight: Float = 0
    /// Weight of a VQ-VAE's commitment loss, beta (van den Oord et al. 2017).
    public var commitmentWeight: Float = 0.25
    /// Weight of the MMD between codes and N(0, I) samples, for a WAE-MMD (0: none).
    public var mmdWeight: Float = 0
    /// Weight of the encoder Jacobian's squared norm, for a contractive autoencoder (0: none).
    public var contractiveWeight: Float = 0
    /// The weight of the regularisation phase, lambda, for an adversarial autoencoder (`AdversarialAutoencoder`): the
    /// discriminator's and the generator step's learning rate over the reconstruction's (`AdversarialOptimizer`).
    public var adversarialWeight: Float = 1
    /// A regularised autoencoder's (RAE) weights: of 1/2 ||z||^2 per image, and of the L2 penalty on the decoder.
    public var codePenaltyWeight: Float = 0, decoderWeightDecay: Float = 0
    /// A density fitted to the training codes after training (an RAE's), whose samples decode into new images.
    public var codeDensity: GaussianMixture?
    /// The KL weight and the codes drawn per image, for a variational autoencoder.
    public var variationalObjective = VariationalObjective()
    /// Dynamic binarisation: each training batch's pixels are drawn anew from Bernoulli(pixel) before anything else.
    public var binarisesBatches = false

    /// Wraps a model built from an `AutoencoderArchitecture` spec or loaded from a checkpoint: children named
    /// `encoder` and `decoder`, a variational autoencoder, or a network with skip connections (a U-Net) whose code
    /// is the output of its one layer named `code`.
    public init(_ model: any Layer) throws {
        let codes = Self.codePaths(among: model.layerPaths)
        if model is VariationalAutoencoder || (model.layer(at: "encoder") != nil && model.layer(at: "decoder") != nil) {
            codePath = nil
        } else if codes.count == 1 {
            codePath = codes[0]
        } else {
            throw LatentError(
                "an autoencoder needs children named encoder and decoder, or one layer named code; "
                    + "this model has \(model.children.map(\.name))")
        }
        self.model = model
    }

    /// The name of the layer whose output is the code in a network that is not split into encoder and decoder.
    public static let codeName = "code"

    /// The dotted paths among `paths` (a model's or a description's `layerPaths`) of layers named `codeName`.
    public static func codePaths(among paths: [String]) -> [String] {
        paths.filter { $0 == codeName || $0.hasSuffix("." + codeName) }
    }

    /// Where the code is read in a network with skip connections; `nil` where the encoder gives it.
    private let codePath: String?

    /// The encoder, for a model split into encoder and decoder; `nil` for a U-Net, whose decoder also reads the
    /// encoder's skip connections.
    public var encoder: (any Layer)? { model.layer(at: "encoder") }
    /// The decoder, for a model split into encoder and decoder.
    public var decoder: (any Layer)? { model.layer(at: "decoder") }
    var variational: VariationalAutoencoder? { model as? VariationalAutoencoder }

    /// The code of `input`, recording gradients as the model does.
    private func code(_ input: Tensor) -> Tensor {
        if let variational { return variational.distribution(input).mean }
        if let encoder { return encoder(input) }
        do { return try model.activations(at: codePath ?? "", for: input) } catch {
            preconditionFailure("the code layer found when the autoencoder was made is gone: \(error)")
        }
    }

    /// The training objective on one batch: reconstruction error of the clean images (plus the L1
    /// penalty, or the KL term of a variational model) from inputs augmented, then corrupted, when asked.
    public func loss(_ batch: MiniBatches.Batch, using generator: inout some RandomNumberGenerator) -> Tensor {
        let batch = binarisesBatches ? batch.binarised(using: &generator) : batch
        let view = augmentation?.views(of: batch, using: &generator) ?? batch.images
        let input = corruption?.apply(to: view, using: &generator) ?? view
        if variational != nil { return variationalLoss(input: input, targets: batch.images) }
        guard let encoder, let decoder else {
            // The code is computed again for its penalty: the network reads it inside, between its skip connections.
            let error = Loss.meanSquaredError(model(input), batch.images)
            return sparsityWeight > 0 ? error + Loss.l1Activity(code(input)) * sparsityWeight : error
        }
        if isRegularised {
            return regularisedLoss(input, target: batch.images, encoder: encoder, decoder: decoder, using: &generator)
        }
        let code = encoder(input)
        let reconstruction = decoder(code)
        let error = Loss.meanSquaredError(reconstruction, batch.images)
        return sparsityWeight > 0 ? error + Loss.l1Activity(code) * sparsityWeight : error
    }

    /// Codes of `images` (N, H*W) -> (N, code), in evaluation mode without gradients; a variational model gives its means.
    /// Batches stay small because a transposed convolution unfolds 9 values per output pixel and channel.
    public func encode(_ images: Tensor, batchSize: Int = 256) -> Tensor {
        model.stackedBatches(of: images, batchSize: batchSize) { code($0) }
    }

    /// Reconstructions of `images`, in evaluation mode without gradients.
    public func reconstruct(_ images: Tensor, batchSize: Int = 256) -> Tensor {
        model.stackedBatches(of: images, batchSize: batchSize) { model($0) }
    }

    /// Mean squared error per pixel between `images` and their reconstructions, a batch at a time.
    public func reconstructionError(_ images: Tensor, batchSize: Int = 256) -> Double {
        var total: Double = 0
        model.forEachBatch(of: images, batchSize: batchSize) { _, batch in
            total += batch.sumOfSquaredDifferences(model(batch))
        }
        return total / Double(max(images.count, 1))
    }
}
