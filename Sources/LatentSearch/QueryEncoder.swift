import Foundation
import LatentCore
import LatentLinalg
import LatentModels
import LatentNN
import LatentRetrieval

/// Turns images into the codes of an index's code space: the same PCA basis or model for the database and
/// for every query.
///
/// Models keep a training flag that encoding switches, so calls are serialised with a lock; the index
/// search after it runs unlocked.
final class QueryEncoder: @unchecked Sendable {
    private let encode: (Tensor) throws -> Tensor
    private let lock = NSLock()

    /// - Parameters:
    ///   - codeSpace: how the index made its codes.
    ///   - channels: C of the images the code space takes, planar (C, H, W) pixels in [0, 1].
    ///   - height: H in pixels.
    ///   - width: W in pixels.
    init(_ codeSpace: CodeSpace, channels: Int, height: Int, width: Int) throws {
        encode = try QueryEncoder.encoding(codeSpace, channels: channels, height: height, width: width)
    }

    /// The function from images (N, C*H*W) to their codes in `codeSpace`.
    private static func encoding(
        _ codeSpace: CodeSpace, channels: Int, height: Int, width: Int
    ) throws -> (Tensor) throws -> Tensor {
        let inputSize = channels * height * width
        switch codeSpace {
        case .pixels:
            return { $0 }
        case .pca(let mean, let components):
            let pca = PCA(
                mean: mean, components: components,
                explainedVariance: [Float](repeating: 1, count: components.shape[0]), totalVariance: 1, whiten: false)
            return { try pca.transform($0) }
        case .autoencoder(let stored):
            let autoencoder = try Autoencoder(try QueryEncoder.build(stored, inputSize: inputSize))
            return { autoencoder.encode($0) }
        case .features(let stored, let layer):
            let model = try QueryEncoder.build(stored, inputSize: inputSize)
            return { try DeepFeatures.extract(model, at: layer, from: $0) }
        case .histogram(let bins):
            return { ColourHistogram.codes(of: $0, channels: channels, height: height, width: width, bins: bins) }
        case .colourAndEdges(let bins):
            return {
                ColourAndEdgeHistogram.codes(of: $0, channels: channels, height: height, width: width, bins: bins)
            }
        case .perceptualHash:
            return { PerceptualHash.codes(of: $0, channels: channels, height: height, width: width) }
        case .mirrorInvariant(let space):
            let plain = try encoding(space, channels: channels, height: height, width: width)
            return { images in
                // The same sum either way round, so an image and its mirror get bit-identical codes.
                let sum = try plain(images) + plain(images.mirroredHorizontally(width: width))
                return sum * 0.5
            }
        }
    }

    /// Codes of `images` (N, C*H*W) -> (N, D).
    func codes(of images: Tensor) throws -> Tensor {
        lock.lock()
        defer { lock.unlock() }
        return try encode(images)
    }

    /// Builds a stored model and loads its weights through the checks a checkpoint file gets, refusing one whose
    /// input is not `inputSize` values or whose architecture asks for more than its stored tensors.
    static func build(_ stored: CodeSpace.StoredModel, inputSize: Int) throws -> any Layer {
        do {
            let spec = try LayerSpec.decoded(fromJSON: stored.architecture)
            return try Checkpoint(architecture: spec, tensors: stored.tensors).buildModel(inputShape: [inputSize])
        } catch let error as LatentError {
            throw SearchError("the index's model cannot be used: \(error.description)")
        }
    }
}
