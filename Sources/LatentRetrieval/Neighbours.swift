/// The k nearest database rows of each query, nearest first.
public struct Neighbours: Equatable, Sendable {
    public let queryCount: Int
    public let k: Int
    /// (Q, k) database row indices, row-major.
    public let indices: [Int32]
    /// (Q, k) distances, row-major, ascending within a row.
    public let distances: [Float]

    public init(queryCount: Int, k: Int, indices: [Int32], distances: [Float]) {
        self.queryCount = queryCount
        self.k = k
        self.indices = indices
        self.distances = distances
    }

    /// The neighbours of query `q` as (database index, distance), nearest first.
    public func of(_ q: Int) -> [(index: Int, distance: Float)] {
        (0..<k).map { (Int(indices[q * k + $0]), distances[q * k + $0]) }
    }
}

extension Neighbours {
    /// The k nearest of each query over a database searched in contiguous slices: `parts` holds each slice's search
    /// (its own k nearest or fewer, padded with index -1) and the database row its slice starts at.
    ///
    /// Ties are broken as one search over the whole database breaks them, by the lower row, so that searching the
    /// slices and merging gives exactly what searching the whole would.
    public static func merged(_ parts: [(neighbours: Neighbours, firstRow: Int)], k: Int) -> Neighbours {
        let queryCount = parts.first?.neighbours.queryCount ?? 0
        precondition(
            parts.allSatisfy { $0.neighbours.queryCount == queryCount }, "merged parts answer different queries")
        var indices = [Int32](repeating: -1, count: queryCount * k)
        var distances = [Float](repeating: .infinity, count: queryCount * k)
        var candidates: [(distance: Float, row: Int32)] = []
        for query in 0..<queryCount {
            candidates.removeAll(keepingCapacity: true)
            for part in parts {
                let found = part.neighbours
                for slot in (query * found.k)..<((query + 1) * found.k) where found.indices[slot] >= 0 {
                    candidates.append((found.distances[slot], found.indices[slot] + Int32(part.firstRow)))
                }
            }
            candidates.sort { ($0.distance, $0.row) < ($1.distance, $1.row) }
            for (slot, candidate) in candidates.prefix(k).enumerated() {
                (distances[query * k + slot], indices[query * k + slot]) = candidate
            }
        }
        return Neighbours(queryCount: queryCount, k: k, indices: indices, distances: distances)
    }
}
