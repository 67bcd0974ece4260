import Foundation
import LatentCore

/// Adam, with L2 weight decay added to the gradient, or decoupled weight decay (AdamW).
public final class Adam: Optimizer {
    public var learningRate: Float
    public let beta1: Float
    public let beta2: Float
    public let epsilon: Float
    public let weightDecay: Float
    /// Decay the weights directly (AdamW) rather than through the gradient (Adam's L2).
    public let decoupledWeightDecay: Bool
    private var firstMoments: [String: Tensor] = [:]
    private var secondMoments: [String: Tensor] = [:]
    private var steps = 0

    public init(
        learningRate: Float = 1e-3, beta1: Float = 0.9, beta2: Float = 0.999, epsilon: Float = 1e-8,
        weightDecay: Float = 0, decoupledWeightDecay: Bool = false
    ) {
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        self.weightDecay = weightDecay
        self.decoupledWeightDecay = decoupledWeightDecay
    }

    /// AdamW with PyTorch's default decay of 0.01.
    public static func adamW(learningRate: Float = 1e-3, weightDecay: Float = 0.01) -> Adam {
        Adam(learningRate: learningRate, weightDecay: weightDecay, decoupledWeightDecay: true)
    }

    private var kind: String { decoupledWeightDecay ? "adamw" : "adam" }

    public func step(_ parameters: [NamedTensor]) {
        steps += 1
        let correction1 = 1 - Foundation.pow(beta1, Float(steps))
        let correction2 = 1 - Foundation.pow(beta2, Float(steps))
        let (l2, decay) = decoupledWeightDecay ? (Float(0), 1 - learningRate * weightDecay) : (weightDecay, Float(1))
        let constants = OptimizerKernels.AdamStep(
            beta1: beta1, beta2: beta2, epsilon: epsilon, stepSize: learningRate / correction1,
            inverseCorrection2: 1 / correction2.squareRoot(), l2: l2, decay: decay)
        for (name, parameter, grad) in updatable(parameters) {
            let m = firstMoments[name, default: Tensor(zeros: parameter.shape)]
            let v = secondMoments[name, default: Tensor(zeros: parameter.shape)]
            firstMoments[name] = m
            secondMoments[name] = v
            OptimizerKernels.adam(constants, parameter: parameter, gradient: grad, firstMoment: m, secondMoment: v)
        }
    }

    public var state: OptimizerState {
        var tensors: [String: Tensor] = [:]
        for (name, m) in firstMoments { tensors["m/\(name)"] = m }
        for (name, v) in secondMoments { tensors["v/\(name)"] = v }
        return OptimizerState(kind: kind, step: steps, tensors: tensors)
    }

    public func restore(_ state: OptimizerState) throws {
        guard state.kind == kind else { throw LatentError("cannot restore \(state.kind) optimizer state into \(kind)") }
        steps = state.step
        firstMoments = [:]
        secondMoments = [:]
        for (key, shape) in state.shapes {
            if key.hasPrefix("m/") { firstMoments[String(key.dropFirst(2))] = try state.tensor(key, shape: shape) }
            if key.hasPrefix("v/") { secondMoments[String(key.dropFirst(2))] = try state.tensor(key, shape: shape) }
        }
    }
}
