import COpenBLAS
import LatentCore

extension PCA {
    /// Rows summed in Float before their sum is added in Double: a block loses no more than an ordinary
    /// sum of this many values, and it stays in the core's cache for the product that follows it.
    static let blockRows = 256

    /// The column sums of `data` (N, D) in Double, each thread summing its blocks of rows.
    static func columnSums(_ data: Tensor) -> [Double] {
        let (n, d) = (data.shape[0], data.shape[1])
        let blocks = (n + blockRows - 1) / blockRows
        let pieces = max(1, min(4 * WorkerPool.shared.threads, blocks))
        var partials = [Double](repeating: 0, count: pieces * d)
        partials.withUnsafeMutableBufferPointer { sums in
            data.withUnsafeBufferPointer { values in
                WorkerPool.shared.run(pieces: pieces) { piece in
                    let rows = (piece * blocks / pieces * blockRows)..<min(n, (piece + 1) * blocks / pieces * blockRows)
                    forEachBlock(of: rows) { block in
                        addColumnSums(
                            values.baseAddress! + block.lowerBound * d, rows: block.count, columns: d,
                            to: sums.baseAddress! + piece * d)
                    }
                }
            }
        }
        return totals(of: partials, columns: d)
    }

    /// alpha X^T X for X (N, D) (the upper triangle of (D, D); the lower one is left as it is) and the column
    /// sums of X, in one pass over the data: each thread takes a share of the rows and, block by block, sums
    /// the block's columns and adds its ssyrk while the block is in cache. The shares' partial products are
    /// added together at the end.
    static func gramAndColumnSums(_ data: Tensor, alpha: Float) -> (gram: Tensor, sums: [Double]) {
        let (n, d) = (data.shape[0], data.shape[1])
        _ = BLAS.threads  // OpenBLAS single-threaded: the pool splits the rows
        let pieces = max(1, min(WorkerPool.shared.threads, n / blockRows))
        let partials = Tensor(uninitializedShape: [pieces, d, d])
        var partialSums = [Double](repeating: 0, count: pieces * d)
        partialSums.withUnsafeMutableBufferPointer { sums in
            data.withUnsafeBufferPointer { values in
                partials.withUnsafeMutableBufferPointer { partials in
                    WorkerPool.shared.run(pieces: pieces) { piece in
                        let rows = (piece * n / pieces)..<((piece + 1) * n / pieces)
                        let target = partials.baseAddress! + piece * d * d
                        forEachBlock(of: rows) { block in
                            let first = values.baseAddress! + block.lowerBound * d
                            addColumnSums(first, rows: block.count, columns: d, to: sums.baseAddress! + piece * d)
                            cblas_ssyrk(
                                CblasRowMajor, CblasUpper, CblasTrans, Int32(d), Int32(block.count), alpha, first,
                                Int32(d), block.lowerBound == rows.lowerBound ? 0 : 1, target, Int32(d))
                        }
                    }
                }
            }
        }
        let gram = Tensor(zeros: [d, d])
        partials.withUnsafeBufferPointer { partials in
            gram.withUnsafeMutableBufferPointer { gram in
                for piece in 0..<pieces {
                    for i in 0..<d { for j in i..<d { gram[i * d + j] += partials[(piece * d + i) * d + j] } }
                }
            }
        }
        return (gram, totals(of: partialSums, columns: d))
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
