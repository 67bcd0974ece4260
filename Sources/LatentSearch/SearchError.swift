/// An image search that cannot be done as asked: a bad query image, a bad index or model; the message says which.
public struct SearchError: Error, CustomStringConvertible, Equatable {
    public let description: String
    /// The image is refused for its size (bytes or pixels), not its content: HTTP 413 rather than 400.
    public let isTooLarge: Bool

    public init(_ description: String, isTooLarge: Bool = false) {
        self.description = description
        self.isTooLarge = isTooLarge
    }
}
