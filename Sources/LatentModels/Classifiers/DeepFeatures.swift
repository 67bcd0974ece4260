import LatentCore
import LatentNN

/// Activations of a named layer of a trained model ("deep features") for many images.
public enum DeepFeatures {
    /// Features of `images` (N, H*W) at layer `path`, in evaluation mode without gradients, in batches.
    public static func extract(
        _ model: any Layer, at path: String, from images: Tensor, batchSize: Int = 500
    ) throws -> Tensor {
        try model.stackedBatches(of: images, batchSize: batchSize) { try model.activations(at: path, for: $0) }
    }
}
