/// A model that cannot be built or used as described; the message names the layer and the shapes.
public struct ModelError: Error, CustomStringConvertible, Equatable {
    public let description: String
    public init(_ description: String) { self.description = description }
}
