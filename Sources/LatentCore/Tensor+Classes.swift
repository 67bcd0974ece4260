/// Class labels to and from tensors of per-class values.
// N = rows (samples), K = classes.
extension Tensor {
    /// Rows of zeros with a 1 in each label's column: labels (N) -> (N, K).
    package static func oneHot(labels: [Int], classes: Int) -> Tensor {
        precondition(classes > 0, "oneHot: \(classes) classes")
        let out = Tensor(zeros: [labels.count, classes])
        let x = out.pointer
        for (row, label) in labels.enumerated() {
            precondition(label >= 0 && label < classes, "oneHot: label \(label) outside 0..<\(classes)")
            x[row * classes + label] = 1
        }
        return out
    }

    /// Each row's largest value and its column: (N, K) -> N pairs. The first column wins a tie, and a NaN
    /// wins only in column 0 (no value compares greater than it there, nor does it compare greater elsewhere).
    package func rowMaxima() -> [(column: Int, value: Float)] {
        precondition(rank == 2 && shape[1] > 0, "rowMaxima needs (N, K) with K > 0, got \(shape)")
        let (rows, columns, x) = (shape[0], shape[1], pointer)
        return (0..<rows).map { row in
            let values = x + row * columns
            var best = 0
            for k in 1..<columns where values[k] > values[best] { best = k }
            return (best, values[best])
        }
    }
}
