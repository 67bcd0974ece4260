import Foundation
import LatentCore

/// Exact nearest-neighbour search over the rows of a feature matrix (pixels, PCA codes, autoencoder
/// codes, deep features).
///
/// Distances are computed a block at a time through sgemm, and each query keeps its k best in a
/// small sorted buffer, so memory stays bounded and no query is handled alone in a scalar loop.
public struct NearestNeighbourIndex {
    public let metric: DistanceMetric
    /// (M, D) the searched rows (unit rows for cosine).
    public let database: Tensor
    /// |x|² of each database row (squared L2), or zeros (cosine).
    private let squaredNorms: [Float]

    public var count: Int { database.shape[0] }
    public var dimension: Int { database.shape[1] }

    /// Query rows per tile, and database rows per tile: a 256 x 1024 block of distances is 1 MB, which stays in
    /// a core's L2 cache between the product and the selection; 256 queries amortise packing each database tile.
    static let queryTile = 256, databaseTile = 1024

    public init(_ features: Tensor, metric: DistanceMetric = .squaredL2) throws {
        guard features.rank == 2, features.shape[0] > 0, features.shape[1] > 0 else {
            throw LatentError("an index needs a non-empty matrix (M, D), got shape \(features.shape)")
        }
        try NearestNeighbourIndex.checkFinite(features, role: "database")
        self.metric = metric
        database = metric == .cosine ? NearestNeighbourIndex.unitRows(features) : features
        squaredNorms =
            metric == .cosine
            ? [Float](repeating: 0, count: features.shape[0])
            : NearestNeighbourIndex.rowSquaredNorms(features)
    }

    /// The k nearest database rows of each query row.
    ///
    /// - Parameters:
    ///   - queries: (Q, D) rows, as many columns as the database.
    ///   - k: how many neighbours each query gets.
    ///   - databaseRowsOfQueries: when the queries are database rows, their row numbers;
    ///     each query then never returns itself.
    public func search(_ queries: Tensor, k: Int, databaseRowsOfQueries: [Int]? = nil) throws -> Neighbours {
        guard queries.rank == 2, queries.shape[1] == dimension else {
            throw LatentError("queries of shape \(queries.shape) do not match the index's \(dimension) dimensions")
        }
        let excluded = databaseRowsOfQueries != nil ? 1 : 0
        guard k >= 1, k + excluded <= count else {
            throw LatentError("k = \(k) must be between 1 and the \(count - excluded) database rows available")
        }
        if let rows = databaseRowsOfQueries, rows.count != queries.shape[0] {
            throw LatentError("\(rows.count) database rows given for \(queries.shape[0]) queries")
        }
        try NearestNeighbourIndex.checkFinite(queries, role: "queries")
        let queryRows = metric == .cosine ? NearestNeighbourIndex.unitRows(queries) : queries
        let queryCount = queries.shape[0]
        var indices = [Int32](repeating: -1, count: queryCount * k)
        var distances = [Float](repeating: .infinity, count: queryCount * k)
        let (alpha, offset): (Float, Float) = metric == .cosine ? (-1, 1) : (-2, 0)
        let queryNorms =
            metric == .cosine
            ? [Float](repeating: 0, count: queryCount)
            : NearestNeighbourIndex.rowSquaredNorms(queryRows)
        let (queryTile, databaseTile) = (NearestNeighbourIndex.queryTile, NearestNeighbourIndex.databaseTile)
        let tiles = (queryCount + queryTile - 1) / queryTile

        indices.withUnsafeMutableBufferPointer { bestIndices in
            distances.withUnsafeMutableBufferPointer { bestDistances in
                // Each thread takes a tile of queries and walks the database with it: one single-threaded product
                // into its own cache-sized block of distances, then the selection while the block is still in cache.
                WorkerPool.shared.run(pieces: tiles) { tile in
                    let queryStart = tile * queryTile
                    let queriesHere = min(queryTile, queryCount - queryStart)
                    let block = Tensor(uninitializedShape: [queryTile, databaseTile])
                    queryRows.withUnsafeBufferPointer { queryValues in
                        database.withUnsafeBufferPointer { databaseValues in
                            block.withUnsafeMutableBufferPointer { block in
                                for databaseStart in stride(from: 0, to: count, by: databaseTile) {
                                    let rowsHere = min(databaseTile, count - databaseStart)
                                    // block = alpha * Q X^T; the norms are added during selection.
                                    BLAS.sgemm(
                                        transposeB: true, m: queriesHere, n: rowsHere, k: dimension, alpha: alpha,
                                        a: UnsafeBufferPointer(rebasing: queryValues[(queryStart * dimension)...]),
                                        lda: dimension,
                                        b: UnsafeBufferPointer(
                                            rebasing: databaseValues[(databaseStart * dimension)...]),
                                        ldb: dimension, c: block, ldc: rowsHere, split: false)
                                    KernelClock.measure(.selection) {
                                        for q in 0..<queriesHere {
                                            let skip =
                                                databaseRowsOfQueries.map { $0[queryStart + q] - databaseStart } ?? -1
                                            selectBest(
                                                row: UnsafeBufferPointer(
                                                    rebasing: block[(q * rowsHere)..<((q + 1) * rowsHere)]),
                                                firstIndex: databaseStart, add: queryNorms[queryStart + q] + offset,
                                                skip: skip, k: k,
                                                indices: bestIndices.baseAddress! + (queryStart + q) * k,
                                                distances: bestDistances.baseAddress! + (queryStart + q) * k)
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return Neighbours(queryCount: queryCount, k: k, indices: indices, distances: distances)
    }

    /// Merges one query's row of partial distances into its sorted k best.
    ///
    /// Sixteen candidates at a time: the smallest of their sums is compared with the current k-th best, and only a
    /// group holding a better one (rare once the buffer has filled) goes through the scalar insertion. Rounding is
    /// monotonic, so min(sums) + add is exactly the smallest of the sixteen distances before clamping at 0.
    @inline(__always)
    private func selectBest(
        row values: UnsafeBufferPointer<Float>, firstIndex: Int, add: Float, skip: Int, k: Int,
        indices: UnsafeMutablePointer<Int32>, distances: UnsafeMutablePointer<Float>
    ) {
        squaredNorms.withUnsafeBufferPointer { norms in
            precondition(firstIndex + values.count <= norms.count, "selectBest: a block past the database's end")
            // The row's length is checked against the database here, once; the SIMD loads below read within it.
            let (row, count, norms) = (values.baseAddress!, values.count, norms.baseAddress! + firstIndex)
            var worst = distances[k - 1]
            func consider(_ j: Int) {
                let distance = max(row[j] + norms[j] + add, 0)
                guard distance < worst, j != skip else { return }
                var position = k - 1
                while position > 0 && distances[position - 1] > distance {
                    distances[position] = distances[position - 1]
                    indices[position] = indices[position - 1]
                    position -= 1
                }
                distances[position] = distance
                indices[position] = Int32(firstIndex + j)
                worst = distances[k - 1]
            }
            var j = 0
            while j + 16 <= count {
                if max(smallestSum(row + j, norms + j) + add, 0) < worst {
                    for lane in j..<(j + 16) { consider(lane) }
                }
                j += 16
            }
            while j < count {
                consider(j)
                j += 1
            }
        }
    }

    /// min over i < 16 of row[i] + norms[i], written lane-wise so that it compiles to packed adds and mins
    /// (Swift's SIMD comparisons and pointwiseMin do not, on this target).
    @inline(__always)
    private func smallestSum(_ row: UnsafePointer<Float>, _ norms: UnsafePointer<Float>) -> Float {
        func sums(_ i: Int) -> SIMD4<Float> {
            UnsafeRawPointer(row + i).loadUnaligned(as: SIMD4<Float>.self)
                + UnsafeRawPointer(norms + i).loadUnaligned(as: SIMD4<Float>.self)
        }
        func lanesMin(_ a: SIMD4<Float>, _ b: SIMD4<Float>) -> SIMD4<Float> {
            SIMD4(min(a[0], b[0]), min(a[1], b[1]), min(a[2], b[2]), min(a[3], b[3]))
        }
        let m = lanesMin(lanesMin(sums(0), sums(4)), lanesMin(sums(8), sums(12)))
        return min(min(m[0], m[1]), min(m[2], m[3]))
    }

    private static func rowSquaredNorms(_ matrix: Tensor) -> [Float] {
        let d = matrix.shape[1]
        return matrix.withUnsafeBufferPointer { values in
            (0..<matrix.shape[0]).map { row in
                var total: Float = 0
                for j in row * d..<(row + 1) * d { total += values[j] * values[j] }
                return total
            }
        }
    }

    private static func unitRows(_ matrix: Tensor) -> Tensor {
        let d = matrix.shape[1]
        let out = matrix.copy()
        out.withUnsafeMutableBufferPointer { values in
            for (row, norm) in rowSquaredNorms(matrix).enumerated() where norm > 0 {
                let scale = 1 / norm.squareRoot()
                for j in row * d..<(row + 1) * d { values[j] *= scale }
            }
        }
        return out
    }

    /// Refuses a matrix holding a NaN or an infinity, naming its role, the value and where it is.
    static func checkFinite(_ matrix: Tensor, role: String) throws {
        if let bad = matrix.firstNonFiniteIndex {
            throw LatentError(
                "\(role): non-finite value \(matrix.withUnsafeBufferPointer { $0[bad] }) at row \(bad / matrix.shape[1]), column \(bad % matrix.shape[1])"
            )
        }
    }
}
