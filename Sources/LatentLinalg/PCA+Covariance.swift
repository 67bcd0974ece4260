import COpenBLAS
import LatentCore

extension PCA {
    /// The column sums of `data` (N, D) in Double: each thread sums blocks of rows in Float (vectorised, at
    /// most 256 rows deep, so a block loses no more than an ordinary sum of 256 values) and adds the blocks
    /// in Double.
    static func columnSums(_ data: Tensor) -> [Double] {
        let (n, d) = (data.shape[0], data.shape[1])
        let blockRows = 256
        let blocks = (n + blockRows - 1) / blockRows
        let pieces = max(1, min(4 * WorkerPool.shared.threads, blocks))
        var partials = [Double](repeating: 0, count: pieces * d)
        partials.withUnsafeMutableBufferPointer { sums in
            data.withUnsafeBufferPointer { values in
                WorkerPool.shared.run(pieces: pieces) { piece in
                    let block = UnsafeMutableBufferPointer<Float>.allocate(capacity: d)
                    defer { block.deallocate() }
                    for b in (piece * blocks / pieces)..<((piece + 1) * blocks / pieces) {
                        block.initialize(repeating: 0)
                        for row in (b * blockRows)..<min(n, (b + 1) * blockRows) {
                            for j in 0..<d { block[j] += values[row * d + j] }
                        }
                        for j in 0..<d { sums[piece * d + j] += Double(block[j]) }
                    }
                }
            }
        }
        return (0..<d).map { j in (0..<pieces).reduce(0.0) { $0 + partials[$1 * d + j] } }
    }

    /// alpha X^T X for X (N, D): the upper triangle of (D, D), by one ssyrk per thread over its share of the
    /// rows, added together (the lower triangle is left as it is).
    static func gram(_ data: Tensor, alpha: Float) -> Tensor {
        let (n, d) = (data.shape[0], data.shape[1])
        _ = BLAS.threads  // OpenBLAS single-threaded: the pool splits the rows
        let pieces = max(1, min(WorkerPool.shared.threads, n / 256))
        let partials = Tensor(uninitializedShape: [pieces, d, d])
        data.withUnsafeBufferPointer { values in
            partials.withUnsafeMutableBufferPointer { partials in
                WorkerPool.shared.run(pieces: pieces) { piece in
                    let (start, end) = (piece * n / pieces, (piece + 1) * n / pieces)
                    let rows = UnsafeBufferPointer(rebasing: values[(start * d)..<(end * d)])
                    let target = UnsafeMutableBufferPointer(rebasing: partials[(piece * d * d)..<((piece + 1) * d * d)])
                    cblas_ssyrk(CblasRowMajor, CblasUpper, CblasTrans, Int32(d), Int32(end - start), alpha, rows.baseAddress,
                                Int32(d), 0, target.baseAddress, Int32(d))
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
        return gram
    }
}
