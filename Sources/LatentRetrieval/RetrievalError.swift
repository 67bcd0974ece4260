/// A retrieval request that cannot be met; the message names the argument or the shapes.
public struct RetrievalError: Error, CustomStringConvertible, Equatable {
    public let description: String
    public init(_ description: String) { self.description = description }
}
