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
