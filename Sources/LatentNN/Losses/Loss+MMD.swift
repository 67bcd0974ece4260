import LatentCore

extension Loss {
    /// The maximum mean discrepancy between `codes` and `priorSamples` under the inverse multiquadratic kernel
    /// k(x, y) = C / (C + ||x - y||^2), the unbiased estimate that WAE-MMD trains with (Tolstikhin et al. 2018).
    ///
    /// Shapes: N = batch, D = code size. Both (N, D), N >= 2. The kernel is 1 on the diagonal, which the
    /// estimate leaves out of the two within-sample sums.
    ///
    /// - Parameters:
    ///   - codes: the encoder's codes, (N, D).
    ///   - priorSamples: as many draws from the prior, (N, D).
    ///   - scale: C; the paper takes 2 * D for a standard normal prior.
    public static func maximumMeanDiscrepancy(_ codes: Tensor, _ priorSamples: Tensor, scale: Float) -> Tensor {
        precondition(
            codes.shape == priorSamples.shape && codes.rank == 2 && codes.shape[0] >= 2,
            "maximumMeanDiscrepancy: codes \(codes.shape) and prior samples \(priorSamples.shape) must be the same "
                + "(N, D) with N >= 2")
        let n = Float(codes.shape[0])
        let within =
            (kernelSum(codes, codes, scale: scale) + kernelSum(priorSamples, priorSamples, scale: scale)
                - 2 * n) / (n * (n - 1))
        return within - kernelSum(codes, priorSamples, scale: scale) * (2 / (n * n))
    }

    /// Sum over all pairs of rows of C / (C + ||a_i - b_j||^2), the distances through one matrix product.
    /// a: (N, D), b: (M, D) -> a scalar.
    private static func kernelSum(_ a: Tensor, _ b: Tensor, scale: Float) -> Tensor {
        let squaredNorms = { (x: Tensor) in (x * x).sum(axes: [1], keepingDimensions: true) }  // (N, 1)
        let distances = squaredNorms(a) + squaredNorms(b).transposed() - a.matmul(b.transposed()) * 2  // (N, M)
        return (scale / (distances + scale)).sum()
    }
}
