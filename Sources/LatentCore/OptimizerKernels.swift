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

        package init(beta1: Float, beta2: Float, epsilon: Float, stepSize: Float, inverseCorrection2: Float,
                     l2: Float, decay: Float) {
            (self.beta1, self.beta2, self.epsilon, self.stepSize) = (beta1, beta2, epsilon, stepSize)
            (self.inverseCorrection2, self.l2, self.decay) = (inverseCorrection2, l2, decay)
        }
    }

    /// d = g + l2 p; m = b1 m + (1 - b1) d; v = b2 v + (1 - b2) d²; p = p decay - stepSize m / (sqrt(v) c2 + eps).
    ///
    /// The vector and the scalar tail do the same operations in the same order, so every element gets
    /// exactly the value the plain loop (`adamReference`) gives.
    static func adam(_ step: AdamStep, parameter: UnsafeMutablePointer<Float>, gradient: UnsafePointer<Float>,
                             firstMoment: UnsafeMutablePointer<Float>, secondMoment: UnsafeMutablePointer<Float>, count: Int) {
        parallelRanges(count, minimumPerPiece: elementwiseGrain, clock: .optimizer) { range in
            var i = range.lowerBound
            while i + 8 <= range.upperBound {
                let p = load(parameter + i), g = load(gradient + i)
                let d = g + step.l2 * p
                let m = step.beta1 * load(firstMoment + i) + (1 - step.beta1) * d
                let v = step.beta2 * load(secondMoment + i) + (1 - step.beta2) * d * d
                store(m, firstMoment + i)
                store(v, secondMoment + i)
                store(p * step.decay - step.stepSize * m / (v.squareRoot() * step.inverseCorrection2 + step.epsilon),
                      parameter + i)
                i += 8
            }
            adamReference(step, parameter: parameter, gradient: gradient, firstMoment: firstMoment,
                          secondMoment: secondMoment, range: i..<range.upperBound)
        }
    }

    /// The plain loop of `adam`, element by element: its tail, and the reference the tests compare it with.
    static func adamReference(_ step: AdamStep, parameter p: UnsafeMutablePointer<Float>, gradient g: UnsafePointer<Float>,
                                      firstMoment m: UnsafeMutablePointer<Float>, secondMoment v: UnsafeMutablePointer<Float>,
                                      range: Range<Int>) {
        for i in range {
            let d = g[i] + step.l2 * p[i]
            m[i] = step.beta1 * m[i] + (1 - step.beta1) * d
            v[i] = step.beta2 * v[i] + (1 - step.beta2) * d * d
            p[i] = p[i] * step.decay - step.stepSize * m[i] / (v[i].squareRoot() * step.inverseCorrection2 + step.epsilon)
        }
    }

    /// `adam` over whole tensors, which must all hold as many elements.
    package static func adam(_ step: AdamStep, parameter: Tensor, gradient: Tensor, firstMoment: Tensor, secondMoment: Tensor) {
        checkCounts(parameter, gradient, firstMoment, secondMoment)
        adam(step, parameter: parameter.pointer, gradient: gradient.pointer, firstMoment: firstMoment.pointer,
             secondMoment: secondMoment.pointer, count: parameter.count)
    }

    /// `adamReference` over whole tensors, which must all hold as many elements.
    package static func adamReference(_ step: AdamStep, parameter: Tensor, gradient: Tensor, firstMoment: Tensor,
                                      secondMoment: Tensor) {
        checkCounts(parameter, gradient, firstMoment, secondMoment)
        adamReference(step, parameter: parameter.pointer, gradient: gradient.pointer, firstMoment: firstMoment.pointer,
                      secondMoment: secondMoment.pointer, range: 0..<parameter.count)
    }

    private static func checkCounts(_ parameter: Tensor, _ others: Tensor...) {
        precondition(others.allSatisfy { $0.count == parameter.count },
                     "adam: parameter of \(parameter.count) elements, state of \(others.map(\.count))")
    }

    @inline(__always)
    private static func load(_ pointer: UnsafePointer<Float>) -> SIMD8<Float> {
        UnsafeRawPointer(pointer).loadUnaligned(as: SIMD8<Float>.self)
    }

    @inline(__always)
    private static func load(_ pointer: UnsafeMutablePointer<Float>) -> SIMD8<Float> { load(UnsafePointer(pointer)) }

    @inline(__always)
    private static func store(_ value: SIMD8<Float>, _ pointer: UnsafeMutablePointer<Float>) {
        UnsafeMutableRawPointer(pointer).storeBytes(of: value, as: SIMD8<Float>.self)
    }
}
