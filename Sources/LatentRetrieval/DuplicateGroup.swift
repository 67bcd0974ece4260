/// Images of an index that look alike: each within a threshold of another member, joined through one another.
public struct DuplicateGroup: Equatable, Sendable {
    /// The members' rows in the index, in row order: the first is the one the others are measured against.
    public let rows: [Int]
    /// The distance of each member's code to the first member's (0 for the first), by the index's metric.
    public let distances: [Float]

    /// - Parameters:
    ///   - rows: the members' rows, in row order.
    ///   - distances: each member's distance to the first, as many as `rows`.
    public init(rows: [Int], distances: [Float]) {
        precondition(rows.count == distances.count, "\(rows.count) rows but \(distances.count) distances")
        self.rows = rows
        self.distances = distances
    }
}
