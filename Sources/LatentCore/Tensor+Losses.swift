import Foundation

extension Tensor {
    /// Binary cross-entropy of `targets` in [0, 1] given `logits`, averaged over every element.
    ///
    /// One fused op with its own derivative: max(x, 0) - x t + log(1 + e^-|x|) never overflows,
    /// and its gradient (sigmoid(x) - t) / n is exact where the composed form would lose digits.
    /// logits, targets: any shape, the same for both.
    public static func binaryCrossEntropy(logits: Tensor, targets: Tensor) -> Tensor {
        precondition(logits.shape == targets.shape, "binaryCrossEntropy: logits \(logits.shape) and targets \(targets.shape) differ")
        let n = logits.count
        var total: Double = 0
        let (x, t) = (logits.pointer, targets.pointer)
        for i in 0..<n { total += Double(max(x[i], 0) - x[i] * t[i] + Foundation.log1p(Foundation.exp(-abs(x[i])))) }
        let out = Tensor(scalar: Float(total / Double(max(n, 1))))
        return record(out, inputs: [logits]) { _, outputGradient in
            let scale = outputGradient.item / Float(max(n, 1))
            let gradient = Tensor(uninitializedShape: logits.shape)
            // The closure holds the tensors, not their pointers, so that their storage outlives the forward pass.
            let (x, t, g) = (logits.pointer, targets.pointer, gradient.pointer)
            for i in 0..<n {
                let sigmoid = x[i] >= 0 ? 1 / (1 + Foundation.exp(-x[i])) : Foundation.exp(x[i]) / (1 + Foundation.exp(x[i]))
                g[i] = scale * (sigmoid - t[i])
            }
            return [gradient]
        }
    }
}
