import Foundation

/// The learning rate as a function of the update step (0-based).
public indirect enum LearningRateSchedule: Equatable, Sendable {
    case constant(Float)
    /// `rate * gamma^(step / every)`.
    case step(rate: Float, every: Int, gamma: Float)
    /// Cosine annealing from `rate` to `minimum` over `totalSteps`.
    case cosine(rate: Float, totalSteps: Int, minimum: Float = 0)
    /// A linear ramp from 0 over `steps`, then `then` (counted from the end of the ramp).
    case warmup(steps: Int, then: LearningRateSchedule)

    public func rate(atStep step: Int) -> Float {
        switch self {
        case .constant(let rate):
            return rate
        case .step(let rate, let every, let gamma):
            return rate * Foundation.pow(gamma, Float(step / max(every, 1)))
        case .cosine(let rate, let totalSteps, let minimum):
            let progress = min(Float(step) / Float(max(totalSteps, 1)), 1)
            return minimum + (rate - minimum) * (1 + Foundation.cos(.pi * progress)) / 2
        case .warmup(let steps, let then):
            return step < steps
                ? then.rate(atStep: 0) * Float(step + 1) / Float(steps) : then.rate(atStep: step - steps)
        }
    }
}
