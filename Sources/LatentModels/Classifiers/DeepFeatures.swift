import LatentCore
import LatentNN

/// Activations of a named layer of a trained model ("deep features") for many images.
public enum DeepFeatures {
    /// Features of `images` (N, H*W) at layer `path`, in evaluation mode without gradients, in batches.
    public static func extract(_ model: any Layer, at path: String, from images: Tensor, batchSize: Int = 500) throws -> Tensor {
        model.setTraining(false)
        return try GradientMode.withoutGradients {
            var parts: [Tensor] = []
            var start = 0
            while start < images.shape[0] {
                let end = min(start + batchSize, images.shape[0])
                let features = try model.activations(at: path, for: images.rows(start..<end))
                parts.append(features.reshaped([end - start, -1]))
                start = end
            }
            return Tensor.concatenate(parts, axis: 0)
        }
    }
}
