import LatentCore

extension Loss {
    /// SimCLR's normalised temperature-scaled cross-entropy (NT-Xent) over two views of the same N images.
    ///
    /// The 2N embeddings are L2-normalised; each one's logits are its cosine similarities to the other 2N - 1
    /// divided by `temperature`, and the target is its other view: row i of `first` against row i of `second`
    /// and back. Averaged over the 2N rows. Composed from the engine's differentiable operations.
    ///
    /// - Parameters:
    ///   - first: the embeddings of the first views, (N, D).
    ///   - second: the embeddings of the second views, (N, D), row i a view of the same image as `first`'s row i.
    ///   - temperature: divides the cosine similarities; smaller sharpens the softmax (SimCLR uses 0.1 to 0.5).
    public static func ntXent(_ first: Tensor, _ second: Tensor, temperature: Float = 0.5) -> Tensor {
        precondition(
            first.rank == 2 && first.shape == second.shape && first.shape[0] > 0,
            "ntXent: views \(first.shape) and \(second.shape) must be the same (N, D)")
        precondition(temperature > 0, "ntXent: the temperature must be positive, got \(temperature)")
        let n = first.shape[0]
        // z: (2N, D), each row of unit length (the epsilon keeps an all-zero row finite).
        let z = Tensor.concatenate([first, second], axis: 0)
        let unit = z / ((z * z).sum(axes: [1], keepingDimensions: true) + 1e-12).sqrt()
        // logits: (2N, 2N); a row's similarity to itself is pushed out of the softmax.
        let logits = unit.matmul(unit.transposed()) * (1 / temperature) + selfSimilarityMask(2 * n)
        let positives = (0..<(2 * n)).map { ($0 + n) % (2 * n) }
        return crossEntropy(logits: logits, labels: positives)
    }

    /// (M, M) with a large negative value on the diagonal and 0 elsewhere: added to logits, it leaves each row's
    /// own entry a softmax weight of exactly 0 in Float, while keeping every value finite.
    private static func selfSimilarityMask(_ m: Int) -> Tensor {
        var values = [Float](repeating: 0, count: m * m)
        for i in 0..<m { values[i * m + i] = -1e9 }
        return Tensor(shape: [m, m], scalars: values)
    }
}
