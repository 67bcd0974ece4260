/// A file that cannot be saved or loaded as asked; the message names the file and the path inside it.
public struct StorageError: Error, CustomStringConvertible, Equatable {
    public let description: String
    public init(_ description: String) { self.description = description }
}
