import LatentCore

/// One nearest-neighbour index per label: "the nearest sandal, the nearest sneaker, ...".
public struct PerClassIndex {
    public struct ClassMatch: Equatable, Sendable {
        public let label: Int
        /// The nearest member, as a row of the original database.
        public let nearestRow: Int
        public let nearestDistance: Float
        /// Mean distance to the k nearest members.
        public let meanDistance: Float
    }

    /// Indexes and the original row numbers of their members, by label.
    private let indexes: [Int: (index: NearestNeighbourIndex, rows: [Int])]
    public var labels: [Int] { indexes.keys.sorted() }

    public init(_ features: Tensor, labels: [Int], metric: DistanceMetric = .squaredL2) throws {
        guard features.rank == 2, features.shape[0] == labels.count else {
            throw LatentError("features of shape \(features.shape) for \(labels.count) labels")
        }
        var indexes: [Int: (NearestNeighbourIndex, [Int])] = [:]
        for label in Set(labels) {
            let rows = labels.indices.filter { labels[$0] == label }
            indexes[label] = (try NearestNeighbourIndex(features.gatheredRows(rows), metric: metric), rows)
        }
        self.indexes = indexes
    }

    /// For each query, the match in every class (sorted by label), from its `k` nearest members.
    public func matches(_ queries: Tensor, k: Int) throws -> [[ClassMatch]] {
        var result = [[ClassMatch]](repeating: [], count: queries.shape[0])
        for label in labels {
            let (index, rows) = indexes[label]!
            let neighbours = try index.search(queries, k: min(k, index.count))
            for q in 0..<queries.shape[0] {
                let found = neighbours.of(q)
                result[q].append(
                    ClassMatch(
                        label: label, nearestRow: rows[found[0].index], nearestDistance: found[0].distance,
                        meanDistance: found.map(\.distance).reduce(0, +) / Float(found.count)))
            }
        }
        return result
    }
}
