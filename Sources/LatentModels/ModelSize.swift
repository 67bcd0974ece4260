import LatentCore
import LatentNN

/// The image shapes and model sizes the named architectures accept, checked before anything is built.
package enum ModelSize {
    /// 100 million parameters: 400 MB of weights, and about 1.6 GB in training with their gradients and Adam's
    /// two moments. A dense layer over large colour images passes it quickly (3x256x256 into 512 units is 100
    /// million on its own); smaller images (`latent data import --size 64`) are what these models are for.
    package static let largestParameterCount = 100_000_000

    /// "3x64x64" for a shape that holds pixels; throws naming `model` for an empty one.
    package static func imageShape(channels: Int, height: Int, width: Int, of model: String) throws -> String {
        let shape = "\(channels)x\(height)x\(width)"
        guard channels > 0, height > 0, width > 0 else {
            throw LatentError("\(model) cannot take \(shape) images: every side needs at least one pixel")
        }
        return shape
    }

    /// Refuses a description with more than `largestParameterCount` parameters, naming the model and the shape.
    package static func check(_ spec: LayerSpec, of model: String, on shape: String) throws {
        let count = spec.parameterCount ?? Int.max
        guard count <= largestParameterCount else {
            throw LatentError(
                "\(model) on \(shape) images would have \(count / 1_000_000) million parameters, more than "
                    + "the \(largestParameterCount / 1_000_000) million Latent trains; use smaller images "
                    + "(`latent data import --size 64`) or a convolutional model")
        }
    }
}
