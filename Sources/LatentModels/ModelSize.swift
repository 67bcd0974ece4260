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
        let count = parameters(of: spec)
        guard count <= largestParameterCount else {
            throw LatentError("\(model) on \(shape) images would have \(count / 1_000_000) million parameters, more than "
                             + "the \(largestParameterCount / 1_000_000) million Latent trains; use smaller images "
                             + "(`latent data import --size 64`) or a convolutional model")
        }
    }

    /// The number of parameters `spec` builds, counted from the description alone (nothing is allocated).
    package static func parameters(of spec: LayerSpec) -> Int {
        switch spec {
        case let .linear(inputs, outputs, bias): return inputs * outputs + (bias ? outputs : 0)
        case let .conv2d(inChannels, outChannels, kernel, _, _),
             let .convTranspose2d(inChannels, outChannels, kernel, _, _, _):
            return inChannels * outChannels * kernel * kernel + outChannels
        case let .batchNorm(features): return 2 * features
        case let .sequential(layers): return layers.map(parameters(of:)).reduce(0, +)
        case let .named(layers): return layers.map { parameters(of: $0.layer) }.reduce(0, +)
        case let .variational(encoder, decoder, _): return parameters(of: encoder) + parameters(of: decoder)
        case .maxPool2d, .upsample, .flatten, .reshape, .relu, .leakyRelu, .sigmoid, .tanh, .dropout: return 0
        }
    }
}
