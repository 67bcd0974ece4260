import LatentCore

/// Stochastic gradient descent with optional momentum (classical or Nesterov) and L2 weight decay,
/// with PyTorch's update rule.
public final class SGD: Optimizer {
    public var learningRate: Float
    public let momentum: Float
    public let nesterov: Bool
    public let weightDecay: Float
    private var velocities: [String: Tensor] = [:]
    private var steps = 0

    public init(learningRate: Float, momentum: Float = 0, nesterov: Bool = false, weightDecay: Float = 0) {
        precondition(!nesterov || momentum > 0, "Nesterov momentum needs momentum > 0")
        self.learningRate = learningRate
        self.momentum = momentum
        self.nesterov = nesterov
        self.weightDecay = weightDecay
    }

    public func step(_ parameters: [NamedTensor]) {
        steps += 1
        let constants = OptimizerKernels.SGDStep(
            learningRate: learningRate, momentum: momentum,
            weightDecay: weightDecay, nesterov: nesterov)
        for (name, parameter, grad) in updatable(parameters) {
            let velocity = momentum > 0 ? velocities[name, default: Tensor(zeros: parameter.shape)] : nil
            velocities[name] = velocity
            OptimizerKernels.sgd(constants, parameter: parameter, gradient: grad, velocity: velocity)
        }
    }

    public var state: OptimizerState {
        OptimizerState(
            kind: "sgd", step: steps,
            tensors: Dictionary(uniqueKeysWithValues: velocities.map { ("velocity/\($0.key)", $0.value) }))
    }

    public func restore(_ state: OptimizerState) throws {
        guard state.kind == "sgd" else { throw LatentError("cannot restore \(state.kind) optimizer state into SGD") }
        steps = state.step
        velocities = [:]
        for key in state.tensors.keys where key.hasPrefix("velocity/") {
            velocities[String(key.dropFirst("velocity/".count))] = try state.tensor(key, shape: state.shapes[key] ?? [])
        }
    }
}
