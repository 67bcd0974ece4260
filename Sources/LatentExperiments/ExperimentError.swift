/// An experiment that cannot be read or run as written; the message names the file and the key at fault.
public struct ExperimentError: Error, CustomStringConvertible, Equatable {
    public let description: String
    public init(_ description: String) { self.description = description }
}
