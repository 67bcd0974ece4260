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

    /// - Parameter inputSize: C * H * W, the values of one image as the code space takes them.
    init(_ codeSpace: CodeSpace, inputSize: Int) throws {
        switch codeSpace {
        case .pixels:
            encode = { $0 }
        case .pca(let mean, let components):
            let pca = PCA(
                mean: mean, components: components,
                explainedVariance: [Float](repeating: 1, count: components.shape[0]), totalVariance: 1, whiten: false)
            encode = { try pca.transform($0) }
        case .autoencoder(let stored):
            let autoencoder = try Autoencoder(try QueryEncoder.build(stored, inputSize: inputSize))
            encode = { autoencoder.encode($0) }
        case .features(let stored, let layer):
            let model = try QueryEncoder.build(stored, inputSize: inputSize)
            encode = { try DeepFeatures.extract(model, at: layer, from: $0) }
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
