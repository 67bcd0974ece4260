import LatentCore

/// Updates parameters from their gradients, one parameter at a time.
///
/// Only parameters that need a gradient and have one are touched, so frozen layers never move.
public protocol Optimizer: AnyObject {
    var learningRate: Float { get set }
    /// Applies one update to every trainable parameter that has a gradient.
    func step(_ parameters: [NamedTensor])
    /// What a checkpoint stores so that training resumes exactly.
    var state: OptimizerState { get }
    /// Restores a state saved from an optimizer of the same kind.
    func restore(_ state: OptimizerState) throws
}

/// An optimizer's kind, step count and per-parameter tensors (moments, velocities), keyed
/// as `SLOT/PARAMETER.PATH` (e.g. `m/encoder.0.weight`).
public struct OptimizerState: Equatable {
    public var kind: String
    public var step: Int
    public var tensors: [String: [Float]]
    public var shapes: [String: [Int]]

    public init(kind: String, step: Int, tensors: [String: Tensor]) {
        self.kind = kind
        self.step = step
        self.tensors = tensors.mapValues(\.scalars)
        shapes = tensors.mapValues(\.shape)
    }

    /// The slot tensor for `key`, checked against the expected shape.
    func tensor(_ key: String, shape: [Int]) throws -> Tensor {
        guard let values = tensors[key], shapes[key] == shape else {
            throw LatentError(
                "optimizer state has no \(key) of shape \(shape) (found \(shapes[key].map { "\($0)" } ?? "none"))")
        }
        return Tensor(shape: shape, scalars: values)
    }
}

extension Optimizer {
    /// The parameters `step` updates.
    func updatable(_ parameters: [NamedTensor]) -> [(name: String, tensor: Tensor, grad: Tensor)] {
        parameters.compactMap { parameter in
            guard parameter.tensor.requiresGrad, let grad = parameter.tensor.grad else { return nil }
            return (parameter.name, parameter.tensor, grad)
        }
    }
}
