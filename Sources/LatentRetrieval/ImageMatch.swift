/// One result of an image search: a database image, how far its code is from the query's, and its rank (1 nearest).
public struct ImageMatch: Equatable, Sendable, Codable {
    /// The image's row in the index.
    public let row: Int
    public let path: String
    /// The class name, or "" when the database has no labels.
    public let label: String
    public let distance: Float
    public let rank: Int
    /// The paths of the other rows that hold the same image (equal codes and thumbnails), which the search counted
    /// as this one result; empty for an image held once.
    public let copies: [String]

    /// - Parameters:
    ///   - row: the image's row in the index.
    ///   - path: its file, as given at import.
    ///   - label: its class name, or "".
    ///   - distance: how far its code is from the query's.
    ///   - rank: 1 for the nearest.
    ///   - copies: the paths of the other rows holding the same image.
    public init(row: Int, path: String, label: String, distance: Float, rank: Int, copies: [String] = []) {
        self.row = row
        self.path = path
        self.label = label
        self.distance = distance
        self.rank = rank
        self.copies = copies
    }
}
