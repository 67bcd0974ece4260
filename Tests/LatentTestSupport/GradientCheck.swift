import LatentCore

/// The largest disagreement between autograd and central finite differences.
public struct GradientCheckResult: CustomStringConvertible {
    /// max |analytic - numeric| / max(1, |analytic|, |numeric|) over every input element.
    public var worstError: Double = 0
    public var worstPlace = ""
    public var description: String { "worst relative error \(worstError) at \(worstPlace)" }
}

/// Checks the gradients of `function` at `inputs` against central finite differences.
///
/// The scalar differentiated is sum(function(inputs) * w) for fixed random weights w, so that
/// every output element reaches the gradient with its own weight (a plain sum would hide
/// mistakes that cancel out, such as swapped outputs).
public func checkGradients(
    _ inputs: [Tensor], epsilon: Float = 1e-2, seed: UInt64 = 7, _ function: ([Tensor]) -> Tensor
) -> GradientCheckResult {
    var generator = SeededGenerator(seed: seed)
    let probe = GradientMode.withoutGradients { function(inputs) }
    let weights = Tensor.uniform(probe.shape, in: -1...1, using: &generator)

    for input in inputs {
        input.requiresGrad = true
        input.zeroGrad()
    }
    (function(inputs) * weights).sum().backward()

    func weightedSum() -> Double {
        let output = GradientMode.withoutGradients { function(inputs) }
        return zip(output.scalars, weights.scalars).reduce(0) { $0 + Double($1.0) * Double($1.1) }
    }

    var result = GradientCheckResult()
    for (inputIndex, input) in inputs.enumerated() {
        let analytic = input.grad?.scalars ?? [Float](repeating: 0, count: input.count)
        for element in 0..<input.count {
            let saved = input[element: element]
            input[element: element] = saved + epsilon
            let above = weightedSum()
            input[element: element] = saved - epsilon
            let below = weightedSum()
            input[element: element] = saved
            let numeric = (above - below) / (2 * Double(epsilon))
            let exact = Double(analytic[element])
            let error = abs(exact - numeric) / max(1, abs(exact), abs(numeric))
            if error > result.worstError {
                result.worstError = error
                result.worstPlace = "input \(inputIndex) element \(element): autograd \(exact), numeric \(numeric)"
            }
        }
    }
    return result
}

/// Random values whose magnitudes are at least `gap`, so that kinks (ReLU at 0, ties in
/// max-pooling) lie further away than the finite-difference step.
public func spreadTensor(_ shape: [Int], gap: Float = 0.05, seed: UInt64) -> Tensor {
    var generator = SeededGenerator(seed: seed)
    let count = shape.reduce(1, *)
    let values = (0..<count).map { Float($0 - count / 2) * gap + gap / 2 }.shuffled(using: &generator)
    return Tensor(shape: shape, scalars: values)
}

/// Uniform random values in `range`.
public func randomTensor(_ shape: [Int], in range: ClosedRange<Float> = -1...1, seed: UInt64) -> Tensor {
    var generator = SeededGenerator(seed: seed)
    return Tensor.uniform(shape, in: range, using: &generator)
}
