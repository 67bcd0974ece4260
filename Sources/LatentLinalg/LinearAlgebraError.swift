/// A linear-algebra request that cannot be met; the message names the shapes or the argument.
public struct LinearAlgebraError: Error, CustomStringConvertible, Equatable {
    public let description: String
    public init(_ description: String) { self.description = description }
}
