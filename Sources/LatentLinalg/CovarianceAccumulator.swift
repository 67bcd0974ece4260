import COpenBLAS
import LatentCore

/// The mean and covariance of rows given a chunk at a time, in one pass, so no step holds the data twice.
///
/// D = features, M = rows in a chunk. Each chunk is centred on its own mean (in Float, in a buffer of M x D), its
/// scatter formed by single-precision products, and that scatter merged into a running one in Double together with
/// the correction for the chunk mean's distance from the running mean (Chan, Golub and LeVeque's pairwise update).
/// Centring before the product avoids the cancellation of X^T X - N m m^T, and the Double sum keeps a million rows'
/// worth of chunks from drifting. Memory: 12 bytes per covariance entry (Double sum, Float chunk scatter), and the
/// centred chunk. Each thread multiplies and merges one band of rows of the upper triangle.
public struct CovarianceAccumulator {
    /// The length of each row.
    public let features: Int
    /// Rows added so far.
    public private(set) var count = 0
    /// (D) the running mean of the rows, in Double.
    public private(set) var mean: [Double]
    /// (D, D) upper triangle: the sum over rows of (x - mean)(x - mean)^T; the lower triangle stays zero.
    private var scatter: [Double]
    /// (D, D) the latest chunk's scatter about its own mean, upper triangle.
    private let chunkScatter: Tensor

    /// An empty accumulator for rows of `features` values.
    ///
    /// - Parameter features: D, the number of values in each row.
    public init(features: Int) {
        precondition(features >= 1, "a covariance needs at least one feature")
        self.features = features
        mean = [Double](repeating: 0, count: features)
        scatter = [Double](repeating: 0, count: features * features)
        chunkScatter = Tensor(zeros: [features, features])
    }

    /// An empty accumulator for rows of `features` values, refusing rows wider than
    /// `PCA.largestCovarianceFeatures`, whose covariance would not fit in memory.
    ///
    /// - Parameter features: D, the number of values in each row.
    public init(checkingWidth features: Int) throws {
        guard features <= PCA.largestCovarianceFeatures else {
            throw LatentError(
                "PCA: the covariance of \(features) features would be a \(features) x \(features) matrix, more than "
                    + "the \(PCA.largestCovarianceFeatures) features it is formed for; fit by SVD instead")
        }
        self.init(features: features)
    }

    /// Adds the rows of a (M, D) chunk.
    ///
    /// - Parameter chunk: M rows of D values each.
    public mutating func add(_ chunk: Tensor) throws {
        guard chunk.rank == 2, chunk.shape[1] == features else {
            throw LatentError("covariance of \(features) features: a chunk of shape \(chunk.shape) does not fit")
        }
        chunk.withUnsafeBufferPointer { add(rows: $0.baseAddress!, count: chunk.shape[0]) }
    }

    /// Adds `rows` rows of D values, row-major at `first`.
    ///
    /// Three passes over the pool's threads: the chunk's column sums, the chunk centred on its mean (by slices of
    /// rows), then one band of the upper triangle per thread, each multiplied and merged into the Double scatter.
    ///
    /// - Parameters:
    ///   - first: the first value of the first row.
    ///   - rows: M, the number of rows.
    package mutating func add(rows first: UnsafePointer<Float>, count rows: Int) {
        guard rows > 0 else { return }
        let d = features
        let threads = BLAS.threads  // also switches OpenBLAS's own threads off: each band is one thread's product
        let chunkMean = PCA.columnSums(first, rows: rows, columns: d).map { $0 / Double(rows) }
        let centred = Tensor(uninitializedShape: [rows, d])  // the engine's pool hands the same buffer back
        Self.centre(first, rows: rows, features: d, on: chunkMean, into: centred, pieces: threads)
        let before = Double(count)
        let total = before + Double(rows)
        let shift = (0..<d).map { chunkMean[$0] - mean[$0] }
        let weight = before * Double(rows) / total
        let bands = Self.bands(of: d, pieces: threads)
        centred.withUnsafeBufferPointer { centred in
            chunkScatter.withUnsafeMutableBufferPointer { chunkScatter in
                scatter.withUnsafeMutableBufferPointer { scatter in
                    shift.withUnsafeBufferPointer { shift in
                        WorkerPool.shared.run(pieces: bands.count - 1) { piece in
                            let (top, bottom) = (bands[piece], bands[piece + 1])
                            guard bottom > top else { return }
                            Self.multiply(
                                centred.baseAddress!, rows: rows, features: d, band: top..<bottom,
                                into: chunkScatter.baseAddress!)
                            // Row pointers, so that no index is checked for overflow per value and the loop
                            // vectorises.
                            for i in top..<bottom {
                                let sum = scatter.baseAddress! + i * d
                                let add = chunkScatter.baseAddress! + i * d
                                let scaled = weight * shift[i]
                                for j in i..<d { sum[j] += Double(add[j]) + scaled * shift[j] }
                            }
                        }
                    }
                }
            }
        }
        for j in 0..<d { mean[j] += shift[j] * Double(rows) / total }
        count += rows
    }

    /// Writes `rows` rows at `first` minus `mean` (in Float) into `centred`, a slice of rows per piece.
    private static func centre(
        _ first: UnsafePointer<Float>, rows: Int, features d: Int, on mean: [Double], into centred: Tensor,
        pieces: Int
    ) {
        let centre = mean.map { Float($0) }
        let pieces = min(pieces, rows)
        centre.withUnsafeBufferPointer { centre in
            centred.withUnsafeMutableBufferPointer { centred in
                WorkerPool.shared.run(pieces: pieces) { piece in
                    for row in (piece * rows / pieces)..<((piece + 1) * rows / pieces) {
                        let (source, target) = (first + row * d, centred.baseAddress! + row * d)
                        for j in 0..<d { target[j] = source[j] - centre[j] }
                    }
                }
            }
        }
    }

    /// Rows `band` of the upper triangle of C^T C for the (M, D) chunk C, written into `scatter` (D, D): the
    /// triangle on the diagonal by ssyrk, the rectangle to its right by sgemm, so no product below the diagonal is
    /// computed.
    private static func multiply(
        _ centred: UnsafePointer<Float>, rows: Int, features d: Int, band: Range<Int>,
        into scatter: UnsafeMutablePointer<Float>
    ) {
        let (top, bottom) = (band.lowerBound, band.upperBound)
        cblas_ssyrk(
            CblasRowMajor, CblasUpper, CblasTrans, Int32(bottom - top), Int32(rows), 1, centred + top, Int32(d), 0,
            scatter + top * d + top, Int32(d))
        guard bottom < d else { return }
        cblas_sgemm(
            CblasRowMajor, CblasTrans, CblasNoTrans, Int32(bottom - top), Int32(d - bottom), Int32(rows), 1,
            centred + top, Int32(d), centred + bottom, Int32(d), 0, scatter + top * d + bottom, Int32(d))
    }

    /// (D, D) the covariance's upper triangle (divisor N - 1), in Float for LAPACK; the lower triangle is undefined.
    ///
    /// The matrix is the accumulator's chunk buffer, so that a wide fit holds one Float D x D matrix, not two: the
    /// next `add` overwrites it.
    public func covariance() -> Tensor {
        let d = features
        let divisor = Double(max(count - 1, 1))
        scatter.withUnsafeBufferPointer { scatter in
            chunkScatter.withUnsafeMutableBufferPointer { covariance in
                for i in 0..<d { for j in i..<d { covariance[i * d + j] = Float(scatter[i * d + j] / divisor) } }
            }
        }
        return chunkScatter
    }

    /// Row boundaries that split the upper triangle of a `d` x `d` matrix into `pieces` bands of about equal area
    /// (the first rows are the longest), starting at 0 and ending at `d`.
    private static func bands(of d: Int, pieces: Int) -> [Int] {
        let area = Double(d) * Double(d + 1) / 2
        var boundaries = [0]
        var covered = 0.0
        for row in 0..<d {
            covered += Double(d - row)
            if covered >= area * Double(boundaries.count) / Double(pieces), boundaries.count < pieces {
                boundaries.append(row + 1)
            }
        }
        if boundaries.last != d { boundaries.append(d) }
        return boundaries
    }
}
