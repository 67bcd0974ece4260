import Foundation

extension Tensor {
    /// Binary cross-entropy of `targets` in [0, 1] given `logits`, averaged over every element.
    ///
    /// One fused op with its own derivative: max(x, 0) - x t + log(1 + e^-|x|) never overflows,
    /// and its gradient (sigmoid(x) - t) / n is exact where the composed form would lose digits.
    /// logits, targets: any shape, the same for both.
    public static func binaryCrossEntropy(logits: Tensor, targets: Tensor) -> Tensor {
        precondition(
            logits.shape == targets.shape,
            "binaryCrossEntropy: logits \(logits.shape) and targets \(targets.shape) differ")
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
                let sigmoid =
                    x[i] >= 0 ? 1 / (1 + Foundation.exp(-x[i])) : Foundation.exp(x[i]) / (1 + Foundation.exp(x[i]))
                g[i] = scale * (sigmoid - t[i])
            }
            return [gradient]
        }
    }

    /// The mean of (prediction - target)² over every element, as one op: one pass forward (eight running sums,
    /// split across the worker pool), one pass backward, 2 (prediction - target) / n.
    ///
    /// The composed form (subtract, square, mean) makes about eight passes over the batch and its gradients.
    /// prediction, target: any shape, the same for both; only prediction receives a gradient.
    public static func meanSquaredError(_ prediction: Tensor, _ target: Tensor) -> Tensor {
        precondition(
            prediction.shape == target.shape,
            "meanSquaredError: prediction \(prediction.shape) and target \(target.shape) differ")
        let n = prediction.count
        let pieces = max(1, min(4 * WorkerPool.shared.threads, n / elementwiseGrain))
        var partials = [Double](repeating: 0, count: pieces)
        let (x, t) = (prediction.pointer, target.pointer)
        partials.withUnsafeMutableBufferPointer { partials in
            let sums = partials.baseAddress!
            WorkerPool.shared.run(pieces: pieces) { piece in
                KernelClock.measure(.elementwise) {
                    let (start, end) = (piece * n / pieces, (piece + 1) * n / pieces)
                    var lanes = SIMD8<Float>()
                    var i = start
                    while i + 8 <= end {
                        let d =
                            UnsafeRawPointer(x + i).loadUnaligned(as: SIMD8<Float>.self)
                            - UnsafeRawPointer(t + i).loadUnaligned(as: SIMD8<Float>.self)
                        lanes += d * d
                        i += 8
                    }
                    var total = Double(lanes.sum())
                    while i < end {
                        total += Double((x[i] - t[i]) * (x[i] - t[i]))
                        i += 1
                    }
                    sums[piece] = total
                }
            }
        }
        let out = Tensor(scalar: Float(partials.reduce(0, +) / Double(max(n, 1))))
        return record(out, inputs: [prediction]) { _, outputGradient in
            let scale = 2 * outputGradient.item / Float(max(n, 1))
            let gradient = Tensor(uninitializedShape: prediction.shape)
            // The closure holds the tensors, not their pointers, so that their storage outlives the forward pass.
            let (x, t, g) = (prediction.pointer, target.pointer, gradient.pointer)
            parallelRanges(n, minimumPerPiece: elementwiseGrain, clock: .elementwise) { range in
                for i in range { g[i] = scale * (x[i] - t[i]) }
            }
            return [gradient]
        }
    }
}
