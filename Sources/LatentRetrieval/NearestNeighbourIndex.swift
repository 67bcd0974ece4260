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

    /// Query rows per block, and database rows per block: a 512 x 8192 block of distances is 16 MB.
    static let queryBlock = 512, databaseBlock = 8192

    public init(_ features: Tensor, metric: DistanceMetric = .squaredL2) throws {
        guard features.rank == 2, features.shape[0] > 0, features.shape[1] > 0 else {
            throw LatentError("an index needs a non-empty matrix (M, D), got shape \(features.shape)")
        }
        try NearestNeighbourIndex.checkFinite(features, role: "database")
        self.metric = metric
        database = metric == .cosine ? NearestNeighbourIndex.unitRows(features) : features
        squaredNorms = metric == .cosine ? [Float](repeating: 0, count: features.shape[0])
                                         : NearestNeighbourIndex.rowSquaredNorms(features)
    }

    /// The k nearest database rows of each query row.
    ///
    /// - Parameter databaseRowsOfQueries: when the queries are database rows, their row numbers;
    ///   each query then never returns itself.
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
        let block = Tensor(uninitializedShape: [NearestNeighbourIndex.queryBlock, NearestNeighbourIndex.databaseBlock])

        queryRows.withUnsafeBufferPointer { queryValues in
            database.withUnsafeBufferPointer { databaseValues in
                block.withUnsafeMutableBufferPointer { block in
                    indices.withUnsafeMutableBufferPointer { bestIndices in
                        distances.withUnsafeMutableBufferPointer { bestDistances in
                            searchBlocks(queries: queryValues, database: databaseValues, block: block, k: k,
                                         databaseRowsOfQueries: databaseRowsOfQueries, bestIndices: bestIndices,
                                         bestDistances: bestDistances)
                        }
                    }
                }
            }
        }
        return Neighbours(queryCount: queryCount, k: k, indices: indices, distances: distances)
    }

    /// Distances of every query to every database row, a block of each at a time, merged into each query's k best.
    private func searchBlocks(queries: UnsafeBufferPointer<Float>, database: UnsafeBufferPointer<Float>,
                              block: UnsafeMutableBufferPointer<Float>, k: Int, databaseRowsOfQueries: [Int]?,
                              bestIndices: UnsafeMutableBufferPointer<Int32>, bestDistances: UnsafeMutableBufferPointer<Float>) {
        let (alpha, offset): (Float, Float) = metric == .cosine ? (-1, 1) : (-2, 0)
        let queryCount = queries.count / dimension
        for queryStart in stride(from: 0, to: queryCount, by: NearestNeighbourIndex.queryBlock) {
            let queriesHere = min(NearestNeighbourIndex.queryBlock, queryCount - queryStart)
            let queryNorms = metric == .cosine ? [Float](repeating: 0, count: queriesHere)
                : NearestNeighbourIndex.rowSquaredNorms(queries, dimension: dimension, rows: queryStart..<(queryStart + queriesHere))
            for databaseStart in stride(from: 0, to: count, by: NearestNeighbourIndex.databaseBlock) {
                let rowsHere = min(NearestNeighbourIndex.databaseBlock, count - databaseStart)
                // block = alpha * Q X^T; the norms are added during selection.
                BLAS.sgemm(transposeB: true, m: queriesHere, n: rowsHere, k: dimension, alpha: alpha,
                           a: UnsafeBufferPointer(rebasing: queries[(queryStart * dimension)...]), lda: dimension,
                           b: UnsafeBufferPointer(rebasing: database[(databaseStart * dimension)...]), ldb: dimension,
                           c: block, ldc: rowsHere)
                parallelRanges(queriesHere, clock: .selection) { range in
                    for q in range {
                        let skip = databaseRowsOfQueries.map { $0[queryStart + q] - databaseStart } ?? -1
                        selectBest(row: UnsafeBufferPointer(rebasing: block[(q * rowsHere)..<((q + 1) * rowsHere)]),
                                   firstIndex: databaseStart, add: queryNorms[q] + offset, skip: skip, k: k,
                                   indices: bestIndices.baseAddress! + (queryStart + q) * k,
                                   distances: bestDistances.baseAddress! + (queryStart + q) * k)
                    }
                }
            }
        }
    }

    /// Merges one query's row of partial distances into its sorted k best.
    @inline(__always)
    private func selectBest(row: UnsafeBufferPointer<Float>, firstIndex: Int, add: Float, skip: Int, k: Int,
                            indices: UnsafeMutablePointer<Int32>, distances: UnsafeMutablePointer<Float>) {
        var worst = distances[k - 1]
        squaredNorms.withUnsafeBufferPointer { norms in
            for j in row.indices {
                let distance = max(row[j] + norms[firstIndex + j] + add, 0)
                guard distance < worst, j != skip else { continue }
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
        }
    }

    private static func rowSquaredNorms(_ matrix: Tensor) -> [Float] {
        matrix.withUnsafeBufferPointer { rowSquaredNorms($0, dimension: matrix.shape[1], rows: 0..<matrix.shape[0]) }
    }

    private static func rowSquaredNorms(_ values: UnsafeBufferPointer<Float>, dimension d: Int, rows: Range<Int>) -> [Float] {
        rows.map { row in
            var total: Float = 0
            for j in row * d..<(row + 1) * d { total += values[j] * values[j] }
            return total
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

    private static func checkFinite(_ matrix: Tensor, role: String) throws {
        if let bad = matrix.firstNonFiniteIndex {
            throw LatentError("\(role): non-finite value \(matrix.withUnsafeBufferPointer { $0[bad] }) at row \(bad / matrix.shape[1]), column \(bad % matrix.shape[1])")
        }
    }
}
