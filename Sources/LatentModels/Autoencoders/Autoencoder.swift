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
            throw ModelError("an autoencoder needs children named encoder and decoder; this model has \(model.children.map(\.name))")
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
    public func encode(_ images: Tensor, batchSize: Int = 1000) -> Tensor {
        inBatches(images, batchSize: batchSize) { batch in variational?.distribution(batch).mean ?? encoder(batch) }
    }

    /// Reconstructions of `images`, in evaluation mode without gradients.
    public func reconstruct(_ images: Tensor, batchSize: Int = 1000) -> Tensor {
        inBatches(images, batchSize: batchSize) { model($0) }
    }

    /// Mean squared error per pixel between `images` and their reconstructions.
    public func reconstructionError(_ images: Tensor) -> Double {
        let reconstruction = reconstruct(images)
        var total: Double = 0
        for i in 0..<images.count {
            let difference = Double(images.pointer[i] - reconstruction.pointer[i])
            total += difference * difference
        }
        return total / Double(max(images.count, 1))
    }

    private func inBatches(_ images: Tensor, batchSize: Int, _ body: (Tensor) -> Tensor) -> Tensor {
        model.setTraining(false)
        defer { model.setTraining(true) }
        return GradientMode.withoutGradients {
            var parts: [Tensor] = []
            var start = 0
            while start < images.shape[0] {
                let end = min(start + batchSize, images.shape[0])
                parts.append(body(images.rows(start..<end)))
                start = end
            }
            return Tensor.concatenate(parts, axis: 0)
        }
    }
}
