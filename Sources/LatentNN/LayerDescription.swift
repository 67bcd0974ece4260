import LatentCore

/// What a checkpoint or an experiment file stores for one kind of layer, and how that description becomes a layer.
///
/// Each layer's file holds its class and, nested in it, its `Description`: the layer's settings, how it is built,
/// the tensors it holds, its output shape and its summary line. `LayerRegistry` maps the stored `kind` back to the
/// description's type, so a layer defined in another package saves and loads once it is registered there.
public protocol LayerDescription: Codable, Equatable, Sendable {
    /// The key the description is stored under (`linear`, `conv2d`); unique among registered kinds.
    static var kind: String { get }
    /// One line for summaries and messages, e.g. `Linear(784 -> 512)`.
    var summary: String { get }
    /// The descriptions of the layers this one is made of, with the names their layers take; none for a leaf.
    var children: [NamedLayerSpec] { get }
    /// The tensors the layer holds itself (not its children's), in the order the layer lists them.
    var ownTensors: [TensorShape] { get }
    /// Refuses settings no layer can have (a zero stride): a stored description may be damaged.
    func validate() throws
    /// One sample's shape after the layer (no batch axis); throws when `input` does not fit.
    func outputShape(for input: [Int]) throws -> [Int]
    /// The layer, with fresh parameters drawn from `generator`; `validate()` has passed.
    func makeLayer(using generator: inout some RandomNumberGenerator) throws -> any Layer
}

/// The name, shape and role of a tensor a layer holds, known before anything is allocated.
public struct TensorShape: Equatable, Sendable {
    public var name: String
    public var shape: [Int]
    /// A parameter trains; a buffer (batch normalisation's running statistics) is only stored.
    public var isParameter: Bool

    public init(_ name: String, _ shape: [Int], isParameter: Bool = true) {
        self.name = name
        self.shape = shape
        self.isParameter = isParameter
    }
}

extension LayerDescription {
    public var children: [NamedLayerSpec] { [] }
    public var ownTensors: [TensorShape] { [] }
    public func validate() throws {}

    /// Throws naming the layer when one of `values` (named `what`) is not positive.
    public func requirePositive(_ values: [Int], _ what: String) throws {
        guard values.allSatisfy({ $0 > 0 }) else { throw LatentError("\(summary): \(what) must be positive") }
    }

    /// The error for an input this layer cannot take, naming the layer, what it expects and what it got.
    public func mismatch(expected: String, got input: [Int]) -> LatentError {
        LatentError("\(summary) expects \(expected), got a sample of shape \(input)")
    }

    func isEqual(to other: any LayerDescription) -> Bool { (other as? Self) == self }
}
