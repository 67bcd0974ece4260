import LatentCore

extension PCA {
    /// Rows summed in Float before their sum is added in Double: a block loses no more than an ordinary
    /// sum of this many values.
    static let blockRows = 256

    /// The column sums of `data` (N, D) in Double, each thread summing its blocks of rows.
    static func columnSums(_ data: Tensor) -> [Double] {
        data.withUnsafeBufferPointer { columnSums($0.baseAddress!, rows: data.shape[0], columns: data.shape[1]) }
    }

    /// The column sums of `rows` rows of `columns` floats, row-major at `values`, in Double, each thread summing
    /// its blocks of rows; the pieces' sums are added in piece order, so the result does not depend on the schedule.
    static func columnSums(_ values: UnsafePointer<Float>, rows n: Int, columns d: Int) -> [Double] {
        let blocks = (n + blockRows - 1) / blockRows
        let pieces = max(1, min(4 * WorkerPool.shared.threads, blocks))
        var partials = [Double](repeating: 0, count: pieces * d)
        partials.withUnsafeMutableBufferPointer { sums in
            WorkerPool.shared.run(pieces: pieces) { piece in
                let rows = (piece * blocks / pieces * blockRows)..<min(n, (piece + 1) * blocks / pieces * blockRows)
                forEachBlock(of: rows) { block in
                    addColumnSums(
                        values + block.lowerBound * d, rows: block.count, columns: d,
                        to: sums.baseAddress! + piece * d)
                }
            }
        }
        return totals(of: partials, columns: d)
    }

    /// Each column's total over the pieces' rows of `partials` (pieces x columns), added in piece order.
    private static func totals(of partials: [Double], columns: Int) -> [Double] {
        (0..<columns).map { j in stride(from: j, to: partials.count, by: columns).reduce(0.0) { $0 + partials[$1] } }
    }

    /// Calls `body` with consecutive blocks of at most `blockRows` rows covering `rows`.
    private static func forEachBlock(of rows: Range<Int>, _ body: (Range<Int>) -> Void) {
        var start = rows.lowerBound
        while start < rows.upperBound {
            let end = min(start + blockRows, rows.upperBound)
            body(start..<end)
            start = end
        }
    }

    /// Adds the column sums of `rows` (at most `blockRows`) rows of `columns` floats to `sums`.
    private static func addColumnSums(
        _ values: UnsafePointer<Float>, rows: Int, columns: Int,
        to sums: UnsafeMutablePointer<Double>
    ) {
        withUnsafeTemporaryAllocation(of: Float.self, capacity: columns) { block in
            block.initialize(repeating: 0)
            for row in 0..<rows {
                let start = values + row * columns
                for j in 0..<columns { block[j] += start[j] }
            }
            for j in 0..<columns { sums[j] += Double(block[j]) }
        }
    }
}
