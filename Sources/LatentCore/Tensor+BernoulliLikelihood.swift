import Foundation

extension Tensor {
    /// The log-likelihood of each row of binary (or [0, 1]) `targets` under independent Bernoulli pixels with
    /// probabilities sigmoid(`logits`): sum_j t log p + (1 - t) log(1 - p), one number per row.
    ///
    /// It is minus the binary cross-entropy summed over a row, written as -(max(x, 0) - x t + log(1 + e^-|x|)) so
    /// that no logit overflows; its derivative is (t - sigmoid(x)) times the row's incoming gradient. Rows run in
    /// parallel: an importance-weighted bound calls it on K copies of every image.
    /// logits, targets: (N, D) -> (N); only `logits` receives a gradient.
    ///
    /// - Parameters:
    ///   - logits: the decoder's logits, (N, D).
    ///   - targets: the pixels whose likelihood is measured, (N, D), each 0 or 1 (or a probability in between).
    public static func bernoulliLogLikelihood(logits: Tensor, targets: Tensor) -> Tensor {
        precondition(
            logits.rank == 2 && logits.shape == targets.shape,
            "bernoulliLogLikelihood: logits \(logits.shape) and targets \(targets.shape) must be the same (N, D)")
        let (rows, columns) = (logits.shape[0], logits.shape[1])
        let out = Tensor(uninitializedShape: [rows])
        let (x, t, y) = (logits.pointer, targets.pointer, out.pointer)
        parallelRanges(rows, minimumPerPiece: max(1, elementwiseGrain / max(columns, 1)), clock: .elementwise) {
            // The terms go to a row of scratch first: a loop that also summed them would run one addition at a time,
            // unvectorised, since floating-point sums are not reordered.
            let terms = UnsafeMutablePointer<Float>.allocate(capacity: columns)
            defer { terms.deallocate() }
            for row in $0 {
                let (xr, tr) = (x + row * columns, t + row * columns)
                for j in 0..<columns {
                    terms[j] = max(xr[j], 0) - xr[j] * tr[j] + logOnePlus(VectorExp.exp(-abs(xr[j])))
                }
                y[row] = -serialTotal(terms, count: columns)
            }
        }
        return record(out, inputs: [logits]) { _, outputGradient in
            let gradient = Tensor(uninitializedShape: logits.shape)
            // The closure holds the tensors, not their pointers, so that their storage outlives the forward pass.
            let (x, t, g, d) = (logits.pointer, targets.pointer, outputGradient.pointer, gradient.pointer)
            parallelRanges(rows, minimumPerPiece: max(1, elementwiseGrain / max(columns, 1)), clock: .elementwise) {
                for row in $0 {
                    let (xr, tr, dr, scale) = (x + row * columns, t + row * columns, d + row * columns, g[row])
                    for j in 0..<columns { dr[j] = scale * (tr[j] - 1 / (1 + VectorExp.exp(-xr[j]))) }
                }
            }
            return [gradient]
        }
    }

    /// log(1 + e) for e in [0, 1] in plain arithmetic, so that the loop over pixels vectorises (libm's log1pf took
    /// about a quarter of an IWAE training step): 2 atanh(s) with s = e / (2 + e) <= 1/3, its series to s^13,
    /// within 1e-7 of log1p.
    @inline(__always)
    private static func logOnePlus(_ e: Float) -> Float {
        let s = e / (2 + e)
        let s2 = s * s
        var p: Float = 1 / 13
        p = p * s2 + 1 / 11
        p = p * s2 + 1 / 9
        p = p * s2 + 1 / 7
        p = p * s2 + 1 / 5
        p = p * s2 + 1 / 3
        p = p * s2 + 1
        return 2 * s * p
    }
}
