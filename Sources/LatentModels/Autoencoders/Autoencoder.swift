import LatentCore
import LatentData
import LatentNN

/// A trained or fresh autoencoder: its encoder and decoder, and how it is trained (plain, denoising, sparse, variational).
public struct Autoencoder {
    public let model: any Layer
    /// Noise on the input only, for a denoising autoencoder.
    public var corruption: Corruption?
    /// Weight of the L1 penalty on the code, for a sparse autoencoder (0: none).
    public var sparsityWeight: Float = 0

    /// Wraps a model built from an `AutoencoderArchitecture` spec or loaded from a checkpoint.
    public init(_ model: any Layer) throws {
        guard model is VariationalAutoencoder || (model.layer(at: "encoder") != nil && model.layer(at: "decoder") != nil) else {
            throw LatentError("an autoencoder needs children named encoder and decoder; this model has \(model.children.map(\.name))")
        }
        self.model = model
    }

    public var encoder: any Layer { model.layer(at: "encoder")! }
    public var decoder: any Layer { model.layer(at: "decoder")! }
    private var variational: VariationalAutoencoder? { model as? VariationalAutoencoder }

    /// The training objective on one batch: reconstruction error of the clean images (plus the L1
    /// penalty, or the KL term of a variational model).
    public func loss(_ batch: MiniBatches.Batch, using generator: inout some RandomNumberGenerator) -> Tensor {
        let input = corruption?.apply(to: batch.images, using: &generator) ?? batch.images
        if let variational {
            let (mean, logVariance) = variational.distribution(input)
            let reconstruction = variational.decoder(variational.sample(mean: mean, logVariance: logVariance))
            // Per-image sums, so that the two terms keep their usual balance.
            let squaredError = Loss.meanSquaredError(reconstruction, batch.images) * Float(batch.images.shape[1])
            return squaredError + Loss.gaussianKLDivergence(mean: mean, logVariance: logVariance)
        }
        let code = encoder(input)
        let reconstruction = decoder(code)
        let error = Loss.meanSquaredError(reconstruction, batch.images)
        return sparsityWeight > 0 ? error + Loss.l1Activity(code) * sparsityWeight : error
    }

    /// Codes of `images` (N, H*W) -> (N, code), in evaluation mode without gradients; a variational model gives its means.
    /// Batches stay small because a transposed convolution unfolds 9 values per output pixel and channel.
    public func encode(_ images: Tensor, batchSize: Int = 256) -> Tensor {
        model.stackedBatches(of: images, batchSize: batchSize) { batch in variational?.distribution(batch).mean ?? encoder(batch) }
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
