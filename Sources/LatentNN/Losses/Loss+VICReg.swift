import LatentCore

extension Loss {
    /// VICReg's loss (Bardes, Ponce and LeCun, 2022) over two views of the same N images: invariance, variance and
    /// covariance terms, weighted 25, 25 and 1 by default.
    ///
    /// - invariance: the mean squared difference between the two views' embeddings;
    /// - variance: per view, the mean over dimensions of max(0, 1 - sqrt(var + epsilon)) with the unbiased variance
    ///   over the batch, the two views averaged;
    /// - covariance: per view, the sum of the squared off-diagonal entries of the (D, D) covariance divided by D,
    ///   the two views summed.
    ///
    /// These are the reference implementation's reductions; composed from the engine's differentiable operations.
    ///
    /// - Parameters:
    ///   - first: the embeddings of the first views, (N, D) with N >= 2.
    ///   - second: the embeddings of the second views, (N, D), row i a view of the same image as `first`'s row i.
    ///   - invarianceWeight: the weight of the invariance term.
    ///   - varianceWeight: the weight of the variance term.
    ///   - covarianceWeight: the weight of the covariance term.
    ///   - epsilon: added to each variance under the square root, so that a collapsed dimension has a gradient.
    public static func vicReg(
        _ first: Tensor, _ second: Tensor, invarianceWeight: Float = 25, varianceWeight: Float = 25,
        covarianceWeight: Float = 1, epsilon: Float = 1e-4
    ) -> Tensor {
        let terms = vicRegTerms(first, second, epsilon: epsilon)
        return terms.invariance * invarianceWeight + terms.variance * varianceWeight
            + terms.covariance * covarianceWeight
    }

    /// VICReg's three terms unweighted, each a scalar tensor, as `vicReg` defines them.
    ///
    /// - Parameters:
    ///   - first: the embeddings of the first views, (N, D) with N >= 2.
    ///   - second: the embeddings of the second views, (N, D).
    ///   - epsilon: added to each variance under the square root.
    public static func vicRegTerms(
        _ first: Tensor, _ second: Tensor, epsilon: Float = 1e-4
    ) -> (invariance: Tensor, variance: Tensor, covariance: Tensor) {
        precondition(
            first.rank == 2 && first.shape == second.shape && first.shape[0] >= 2,
            "vicReg: views \(first.shape) and \(second.shape) must be the same (N, D) with N >= 2")
        let (n, d) = (first.shape[0], first.shape[1])
        let offDiagonal = offDiagonalMask(d)
        // Per view: centred x (N, D), variances (D), covariance (D, D).
        func spreadTerms(_ view: Tensor) -> (variance: Tensor, covariance: Tensor) {
            let centred = view - view.mean(axes: [0], keepingDimensions: true)
            let variances = (centred * centred).sum(axes: [0]) * (1 / Float(n - 1))
            let hinge = (1 - (variances + epsilon).sqrt()).relu().mean()
            let covariance = centred.transposed().matmul(centred) * (1 / Float(n - 1)) * offDiagonal
            return (hinge, (covariance * covariance).sum() * (1 / Float(d)))
        }
        let (a, b) = (spreadTerms(first), spreadTerms(second))
        let difference = first - second
        return ((difference * difference).mean(), (a.variance + b.variance) * 0.5, a.covariance + b.covariance)
    }

    /// (D, D) with 0 on the diagonal and 1 elsewhere.
    private static func offDiagonalMask(_ d: Int) -> Tensor {
        var values = [Float](repeating: 1, count: d * d)
        for i in 0..<d { values[i * d + i] = 0 }
        return Tensor(shape: [d, d], scalars: values)
    }
}
