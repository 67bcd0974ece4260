/// Stochastic gradient descent's element-wise update, with PyTorch's rule.
extension OptimizerKernels {
    /// Constants of one SGD step, the same for every element of every parameter.
    package struct SGDStep {
        package var learningRate: Float, momentum: Float, weightDecay: Float
        /// Step along the gradient plus the momentum-scaled new velocity (needs a velocity).
        package var nesterov: Bool

        package init(learningRate: Float, momentum: Float, weightDecay: Float, nesterov: Bool) {
            (self.learningRate, self.momentum) = (learningRate, momentum)
            (self.weightDecay, self.nesterov) = (weightDecay, nesterov)
        }
    }

    /// d = g + wd p; without a velocity p -= lr d; with one v = mu v + d, then p -= lr (nesterov ? d + mu v : v).
    ///
    /// Each element's arithmetic is the plain loop's, in its order, so a split gives the same bits; the branch on
    /// the variant is taken once per range, not per element.
    static func sgd(
        _ step: SGDStep, parameter: UnsafeMutablePointer<Float>, gradient: UnsafePointer<Float>,
        velocity: UnsafeMutablePointer<Float>?, range: Range<Int>
    ) {
        let (p, g) = (parameter + range.lowerBound, gradient + range.lowerBound)
        let (lr, mu, wd) = (step.learningRate, step.momentum, step.weightDecay)
        guard let velocity else {
            for i in 0..<range.count { p[i] -= lr * (g[i] + wd * p[i]) }
            return
        }
        let v = velocity + range.lowerBound
        if step.nesterov {
            for i in 0..<range.count {
                let d = g[i] + wd * p[i]
                v[i] = mu * v[i] + d
                p[i] -= lr * (d + mu * v[i])
            }
        } else {
            for i in 0..<range.count {
                let d = g[i] + wd * p[i]
                v[i] = mu * v[i] + d
                p[i] -= lr * v[i]
            }
        }
    }

    /// `sgd` over whole tensors, split across the worker pool for large ones; `velocity` is nil without momentum.
    package static func sgd(_ step: SGDStep, parameter: Tensor, gradient: Tensor, velocity: Tensor?) {
        precondition(
            gradient.count == parameter.count && (velocity?.count ?? parameter.count) == parameter.count,
            "sgd: parameter of \(parameter.count) elements, gradient of \(gradient.count), "
                + "velocity of \(velocity.map { String($0.count) } ?? "none")")
        let (p, g, v) = (parameter.pointer, gradient.pointer, velocity?.pointer)
        precondition(!step.nesterov || v != nil, "sgd: Nesterov momentum needs a velocity")
        parallelRanges(parameter.count, minimumPerPiece: elementwiseGrain, clock: .optimizer) { range in
            sgd(step, parameter: p, gradient: g, velocity: v, range: range)
        }
    }
}
