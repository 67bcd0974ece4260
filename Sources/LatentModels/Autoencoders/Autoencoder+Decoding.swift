import LatentCore
import LatentNN

extension Autoencoder {
    /// Images decoded from `codes` (N, code), in evaluation mode without gradients: through the codebook first for a
    /// VQ-VAE, and as the Bernoulli means (the sigmoid of the logits) for a Bernoulli variational model.
    ///
    /// - Parameters:
    ///   - codes: one code per row, as `encode` gives them or drawn from a prior.
    ///   - batchSize: rows decoded at a time.
    /// - Returns: (N, C * H * W) images.
    /// - Throws: a `LatentError` when the model has no decoder of its own (a U-Net's reads the encoder's skip
    ///   connections).
    public func decode(_ codes: Tensor, batchSize: Int = 256) throws -> Tensor {
        if let variational {
            return model.stackedBatches(of: codes, batchSize: batchSize) { variational.pixels(of: $0) }
        }
        guard let decoder else {
            throw LatentError(
                "this autoencoder's decoder reads the encoder's skip connections, so it cannot decode a code alone")
        }
        return model.stackedBatches(of: codes, batchSize: batchSize) { batch in
            decoder(quantizer.map { $0(batch) } ?? batch)
        }
    }
}
