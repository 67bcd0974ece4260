/// A request that cannot be met as asked: a file, model, dataset, experiment or argument at fault.
///
/// The message names what is wrong (the file and the path inside it, the layer and the shapes, the key or the
/// option), so every layer throws this one type and callers only add context in front of the message.
public struct LatentError: Error, CustomStringConvertible, Equatable {
    public let description: String
    public init(_ description: String) { self.description = description }
}
