import CHNSW
import Foundation
import LatentCore

/// Approximate nearest-neighbour search over the rows of a code matrix through a hierarchical navigable small world
/// graph (HNSW, Malkov and Yashunin 2016), built and searched by hnswlib.
///
/// Distances are the ones exact search (`NearestNeighbourIndex`) computes: squared L2, or 1 - cos over rows scaled
/// to unit length, so an approximate answer can be compared with the exact one row by row. The graph keeps its own
/// copy of the rows. Once built or loaded it is read-only, and any number of threads may search it at once.
public final class HNSWGraph: @unchecked Sendable {
    /// How the graph is built.
    public struct Parameters: Equatable, Sendable {
        /// Links per node in the upper layers (twice as many in the bottom one): more links, better recall, a larger
        /// graph and a slower build.
        public var m: Int
        /// Candidates kept while inserting a node: more, a better graph and a slower build.
        public var efConstruction: Int
        /// Seeds the random level of each node.
        public var seed: Int

        /// hnswlib's own defaults.
        public init(m: Int = 16, efConstruction: Int = 200, seed: Int = 100) {
            (self.m, self.efConstruction, self.seed) = (m, efConstruction, seed)
        }

        /// Links per node hnswlib handles well.
        public static let mRange = 2...512
        /// Build breadths past this cost hours and gain nothing.
        public static let efRange = 1...100_000
    }

    /// The breadth of a search when the caller names none: recall@10 above 0.95 on 64-dimensional image codes.
    public static let defaultEf = 64

    public let metric: DistanceMetric
    public let count: Int
    public let dimension: Int
    let graph: OpaquePointer

    /// A graph over every row of `codes`.
    ///
    /// Rows are inserted from every thread of the pool at once, so that a million rows take minutes, not hours; the
    /// links then depend on the order the threads reach them, and two builds of the same rows may differ slightly.
    ///
    /// - Parameters:
    ///   - codes: (N, D) rows, N below 2^31.
    ///   - metric: the distance that exact search over the same rows uses.
    ///   - parameters: links per node, build breadth and seed.
    public init(_ codes: Tensor, metric: DistanceMetric, parameters: Parameters = Parameters()) throws {
        guard codes.rank == 2, codes.shape[0] > 0, codes.shape[0] < Int(Int32.max), codes.shape[1] > 0 else {
            throw LatentError(
                "an HNSW graph needs a non-empty matrix (N, D) of fewer than 2^31 rows, got \(codes.shape)")
        }
        guard Parameters.mRange.contains(parameters.m) else {
            throw LatentError("HNSW links per node m = \(parameters.m) must be \(Parameters.mRange)")
        }
        guard Parameters.efRange.contains(parameters.efConstruction) else {
            throw LatentError("HNSW build breadth \(parameters.efConstruction) must be \(Parameters.efRange)")
        }
        try NearestNeighbourIndex.checkFinite(codes, role: "codes")
        let (count, dimension) = (codes.shape[0], codes.shape[1])
        let graph = try HNSWGraph.calling("build an HNSW graph") { error, size in
            latent_hnsw_create(
                HNSWGraph.space(metric), dimension, count, parameters.m, parameters.efConstruction,
                parameters.seed, error, size)
        }
        (self.metric, self.count, self.dimension, self.graph) = (metric, count, dimension, graph)
        // Pieces of 256 rows, fewer pieces than the pool takes at once however many rows there are.
        let rowsPerPiece = max(256, (count + 0xFFFE) / 0xFFFF)
        let pieces = (count + rowsPerPiece - 1) / rowsPerPiece
        var failures = [String?](repeating: nil, count: pieces)
        failures.withUnsafeMutableBufferPointer { failures in
            codes.withUnsafeBufferPointer { rows in
                WorkerPool.shared.run(pieces: pieces) { piece in
                    let first = piece * rowsPerPiece
                    failures[piece] = HNSWGraph.failure { error, size in
                        latent_hnsw_add(
                            graph, rows.baseAddress, first, min(rowsPerPiece, count - first), error, size) == 0
                    }
                }
            }
        }
        // Thrown once every property is set, so deinit frees the graph.
        if let failure = failures.lazy.compactMap({ $0 }).first { throw LatentError("build an HNSW graph: \(failure)") }
    }

    /// Takes over a graph that `latent_hnsw_load` made.
    init(loaded graph: OpaquePointer, metric: DistanceMetric, count: Int, dimension: Int) {
        (self.graph, self.metric, self.count, self.dimension) = (graph, metric, count, dimension)
    }

    deinit { latent_hnsw_free(graph) }

    /// The parameters the graph was built with (the build breadth at least m, as hnswlib raises it); the seed is not
    /// kept and reads as the default.
    public var parameters: Parameters {
        Parameters(m: latent_hnsw_m(graph), efConstruction: latent_hnsw_ef_construction(graph))
    }

    /// The (approximately) `k` nearest rows of each query row, nearest first.
    ///
    /// - Parameters:
    ///   - queries: (Q, D) rows, as many columns as the graph's.
    ///   - k: how many neighbours each query gets, from 1 to the number of rows.
    ///   - ef: candidates explored per query (raised to `k`): more, better recall and slower queries.
    public func search(_ queries: Tensor, k: Int, ef: Int = HNSWGraph.defaultEf) throws -> Neighbours {
        guard queries.rank == 2, queries.shape[1] == dimension else {
            throw LatentError("queries of shape \(queries.shape) do not match the graph's \(dimension) dimensions")
        }
        guard k >= 1, k <= count else { throw LatentError("k = \(k) must be between 1 and the \(count) rows") }
        guard Parameters.efRange.contains(ef) else {
            throw LatentError("HNSW search breadth ef = \(ef) must be \(Parameters.efRange)")
        }
        try NearestNeighbourIndex.checkFinite(queries, role: "queries")
        let queryCount = queries.shape[0]
        var indices = [Int32](repeating: -1, count: queryCount * k)
        var distances = [Float](repeating: .infinity, count: queryCount * k)
        let perPiece = 64
        let pieces = (queryCount + perPiece - 1) / perPiece
        var failures = [String?](repeating: nil, count: pieces)
        indices.withUnsafeMutableBufferPointer { indices in
            distances.withUnsafeMutableBufferPointer { distances in
                failures.withUnsafeMutableBufferPointer { failures in
                    queries.withUnsafeBufferPointer { rows in
                        WorkerPool.shared.run(pieces: pieces) { piece in
                            let first = piece * perPiece
                            failures[piece] = HNSWGraph.failure { error, size in
                                latent_hnsw_search(
                                    graph, rows.baseAddress! + first * dimension, min(perPiece, queryCount - first),
                                    k, ef, indices.baseAddress! + first * k, distances.baseAddress! + first * k,
                                    error, size) == 0
                            }
                        }
                    }
                }
            }
        }
        if let failure = failures.lazy.compactMap({ $0 }).first { throw LatentError("HNSW search: \(failure)") }
        return Neighbours(queryCount: queryCount, k: k, indices: indices, distances: distances)
    }

    static func space(_ metric: DistanceMetric) -> Int32 {
        metric == .cosine ? LATENT_HNSW_COSINE : LATENT_HNSW_L2
    }

    /// The shim's message when `call` reports failure, `nil` when it succeeds.
    static func failure(_ call: (UnsafeMutablePointer<CChar>, Int) -> Bool) -> String? {
        var message = [CChar](repeating: 0, count: 256)
        let succeeded = message.withUnsafeMutableBufferPointer { call($0.baseAddress!, $0.count) }
        return succeeded ? nil : String(cString: message)
    }

    /// What `make` returns, or an error naming `what` and the shim's message when it returns NULL.
    static func calling(
        _ what: String, _ make: (UnsafeMutablePointer<CChar>, Int) -> OpaquePointer?
    ) throws -> OpaquePointer {
        var made: OpaquePointer?
        if let failure = failure({ error, size in
            made = make(error, size)
            return made != nil
        }) {
            throw LatentError("\(what): \(failure)")
        }
        return made!
    }
}
