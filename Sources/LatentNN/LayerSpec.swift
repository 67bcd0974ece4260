import LatentCore

/// A layer's description of any kind: what configuration files and checkpoints store (as `{"kind": {settings}}`),
/// and what `build(using:)` turns into a layer with fresh parameters.
///
/// Each kind's description lives in its layer's file (`Linear.Description`); the static members there
/// (`.linear(inputs:outputs:)`, `.relu`) build one.
public struct LayerSpec: Codable, Equatable, Sendable, CustomStringConvertible {
    /// The description itself; `as?` its type (`Linear.Description`) to read its settings.
    public let base: any LayerDescription

    public init(_ base: some LayerDescription) { self.base = base }

    /// The key the description is stored under (`linear`).
    public var kind: String { type(of: base).kind }
    public var summary: String { base.summary }
    public var description: String { summary }
    public var children: [NamedLayerSpec] { base.children }

    /// Builds the layer with freshly initialised parameters drawn from `generator`.
    public func build(using generator: inout some RandomNumberGenerator) throws -> any Layer {
        try base.validate()
        return try base.makeLayer(using: &generator)
    }

    /// The shape of one sample after this layer, given one sample's shape (no batch axis);
    /// throws when the input does not fit, naming the layer and both shapes.
    public func outputShape(for input: [Int]) throws -> [Int] {
        try base.validate()
        return try base.outputShape(for: input)
    }

    /// `outputShape(for:)`, with an error's message led by `name` (the layer's place in its parent: `layer 2`).
    func outputShape(for input: [Int], naming name: String) throws -> [Int] {
        do { return try outputShape(for: input) } catch let error as LatentError {
            throw LatentError("\(name): \(error.description)")
        }
    }

    public static func == (a: LayerSpec, b: LayerSpec) -> Bool { a.base.isEqual(to: b.base) }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: KindKey.self)
        guard container.allKeys.count == 1, let key = container.allKeys.first else {
            throw DecodingError.dataCorrupted(
                .init(
                    codingPath: decoder.codingPath,
                    debugDescription:
                        "a layer description has exactly one key, its kind (such as \"linear\"); found \(container.allKeys.count)"
                ))
        }
        guard let type = LayerRegistry.descriptionType(for: key.stringValue) else {
            throw DecodingError.dataCorrupted(
                .init(
                    codingPath: decoder.codingPath + [key],
                    debugDescription:
                        "no layer of kind \"\(key.stringValue)\" is registered (a layer from another package must be "
                        + "registered with LayerRegistry.register before its models load)"))
        }
        base = try type.init(from: container.superDecoder(forKey: key))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: KindKey.self)
        try base.encode(to: container.superEncoder(forKey: KindKey(stringValue: kind)))
    }

    private struct KindKey: CodingKey {
        let stringValue: String
        init(stringValue: String) { self.stringValue = stringValue }
        var intValue: Int? { nil }
        init?(intValue: Int) { nil }
    }
}

/// A layer description with the name its parent gives it.
public struct NamedLayerSpec: Codable, Equatable, Sendable {
    public var name: String
    public var layer: LayerSpec
    public init(_ name: String, _ layer: LayerSpec) {
        self.name = name
        self.layer = layer
    }
}
