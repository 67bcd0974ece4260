extension Tensor {
    /// The columns `range` of a matrix, as a copy. x: (N, D) -> (N, range.count).
    public func columns(_ range: Range<Int>) -> Tensor {
        precondition(
            rank == 2 && range.lowerBound >= 0 && range.upperBound <= shape[1],
            "columns \(range) are out of bounds for shape \(shape)")
        let (rows, width, taken) = (shape[0], shape[1], range.count)
        let out = Tensor(uninitializedShape: [rows, taken])
        for row in 0..<rows {
            (out.pointer + row * taken).update(from: pointer + row * width + range.lowerBound, count: taken)
        }
        return Tensor.record(out, inputs: [self]) { _, g in
            let grad = Tensor(zeros: [rows, width])
            for row in 0..<rows {
                (grad.pointer + row * width + range.lowerBound).update(from: g.pointer + row * taken, count: taken)
            }
            return [grad]
        }
    }
}
