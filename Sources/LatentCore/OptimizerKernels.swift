/// The optimizers' element-wise updates: one pass over each parameter, eight floats at a time, split across
/// the worker pool for large tensors.
package enum OptimizerKernels {
    /// Constants of one Adam step, the same for every element of every parameter.
    package struct AdamStep {
        package var beta1: Float, beta2: Float, epsilon: Float
        /// Learning rate over the first moment's bias correction.
        package var stepSize: Float
        /// 1 / sqrt(second moment's bias correction).
        package var inverseCorrection2: Float
        /// The L2 weight added to the gradient (Adam) and the factor the weights shrink by (AdamW).
        package var l2: Float, decay: Float

        package init(
            beta1: Float, beta2: Float, epsilon: Float, stepSize: Float, inverseCorrection2: Float,
            l2: Float, decay: Float
        ) {
            (self.beta1, self.beta2, self.epsilon, self.stepSize) = (beta1, beta2, epsilon, stepSize)
            (self.inverseCorrection2, self.l2, self.decay) = (inverseCorrection2, l2, decay)
        }
    }

    /// d = g + l2 p; m = b1 m + (1 - b1) d; v = b2 v + (1 - b2) d²; p = p decay - stepSize m / (sqrt(v) c2 + eps).
    ///
    /// One pass over each tensor, split across the worker pool for large ones; the loop is written so that the
    /// compiler vectorises it (square roots and divisions included) and gives every element exactly the value
    /// of the plain loop (`adamReference`).
    static func adam(
        _ step: AdamStep, parameter: UnsafeMutablePointer<Float>, gradient: UnsafePointer<Float>,
        firstMoment: UnsafeMutablePointer<Float>, secondMoment: UnsafeMutablePointer<Float>, count: Int
    ) {
        parallelRanges(count, minimumPerPiece: elementwiseGrain, clock: .optimizer) { range in
            adamReference(
                step, parameter: parameter, gradient: gradient, firstMoment: firstMoment,
                secondMoment: secondMoment, range: range)
        }
    }

    /// The element loop of `adam`, also the reference the tests compare the split version with.
    static func adamReference(
        _ step: AdamStep, parameter: UnsafeMutablePointer<Float>, gradient: UnsafePointer<Float>,
        firstMoment: UnsafeMutablePointer<Float>, secondMoment: UnsafeMutablePointer<Float>,
        range: Range<Int>
    ) {
        let (p, g, m, v) = (
            parameter + range.lowerBound, gradient + range.lowerBound, firstMoment + range.lowerBound,
            secondMoment + range.lowerBound
        )
        let (b1, b2, c1, c2, l2, decay) = (step.beta1, step.beta2, 1 - step.beta1, 1 - step.beta2, step.l2, step.decay)
        let (stepSize, inverseCorrection2, epsilon) = (step.stepSize, step.inverseCorrection2, step.epsilon)
        for i in 0..<range.count {
            let weight = p[i]
            let d = g[i] + l2 * weight
            let first = b1 * m[i] + c1 * d
            let second = b2 * v[i] + c2 * d * d
            m[i] = first
            v[i] = second
            // max(_, 0) changes nothing (second >= 0) but tells the compiler the root cannot fail, so that it
            // vectorises it instead of calling sqrtf for its error handling.
            p[i] = weight * decay - stepSize * first / (max(second, 0).squareRoot() * inverseCorrection2 + epsilon)
        }
    }

    /// `adam` over whole tensors, which must all hold as many elements.
    package static func adam(
        _ step: AdamStep, parameter: Tensor, gradient: Tensor, firstMoment: Tensor, secondMoment: Tensor
    ) {
        checkCounts(parameter, gradient, firstMoment, secondMoment)
        adam(
            step, parameter: parameter.pointer, gradient: gradient.pointer, firstMoment: firstMoment.pointer,
            secondMoment: secondMoment.pointer, count: parameter.count)
    }

    /// `adamReference` over whole tensors, which must all hold as many elements.
    package static func adamReference(
        _ step: AdamStep, parameter: Tensor, gradient: Tensor, firstMoment: Tensor,
        secondMoment: Tensor
    ) {
        checkCounts(parameter, gradient, firstMoment, secondMoment)
        adamReference(
            step, parameter: parameter.pointer, gradient: gradient.pointer, firstMoment: firstMoment.pointer,
            secondMoment: secondMoment.pointer, range: 0..<parameter.count)
    }

    private static func checkCounts(_ parameter: Tensor, _ others: Tensor...) {
        precondition(
            others.allSatisfy { $0.count == parameter.count },
            "adam: parameter of \(parameter.count) elements, state of \(others.map(\.count))")
    }
}
