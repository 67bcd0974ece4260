/// One result of an image search: a database image, how far its code is from the query's, and its rank (1 nearest).
public struct ImageMatch: Equatable, Sendable, Codable {
    /// The image's row in the index.
    public let row: Int
    public let path: String
    /// The class name, or "" when the database has no labels.
    public let label: String
    public let distance: Float
    public let rank: Int

    public init(row: Int, path: String, label: String, distance: Float, rank: Int) {
        self.row = row
        self.path = path
        self.label = label
        self.distance = distance
        self.rank = rank
    }
}
