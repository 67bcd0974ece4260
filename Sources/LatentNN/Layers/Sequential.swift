import LatentCore

/// Layers applied one after another; children are named 0, 1, 2, ... or by the names given.
public final class Sequential: Layer {
    public let children: [NamedLayer]

    public init(_ layers: [any Layer]) {
        children = layers.enumerated().map { (name: String($0.offset), layer: $0.element) }
    }

    public init(named layers: [NamedLayer]) { children = layers }

    public var spec: LayerSpec {
        children.map(\.name) == children.indices.map(String.init)
            ? .sequential(layers: children.map(\.layer.spec))
            : .named(layers: children.map { NamedLayerSpec($0.name, $0.layer.spec) })
    }

    public func callAsFunction(_ input: Tensor) -> Tensor {
        var (x, index) = (input, children.startIndex)
        while index < children.endIndex {
            if index + 1 < children.endIndex, children[index].layer is ReLU, children[index + 1].layer is MaxPool2d {
                // Both are monotone, so they commute: pooling first runs the activation, forward and backward, on a
                // fraction of the values and gives the same bits.
                x = children[index + 1].layer(x).relu()
                index += 2
            } else {
                x = children[index].layer(x)
                index += 1
            }
        }
        return x
    }

    /// The shape after `layers` applied in order, naming the layer at fault when one does not fit.
    static func outputShape(of layers: [NamedLayerSpec], for input: [Int], naming: (String) -> String) throws -> [Int] {
        try layers.reduce(input) { shape, item in try item.layer.outputShape(for: shape, naming: naming(item.name)) }
    }

    /// Layers named 0, 1, 2, ...
    public struct Description: LayerDescription {
        public static let kind = "sequential"
        public var layers: [LayerSpec]

        public var summary: String { "Sequential" }
        public var children: [NamedLayerSpec] {
            layers.enumerated().map { NamedLayerSpec(String($0.offset), $0.element) }
        }

        public func outputShape(for input: [Int]) throws -> [Int] {
            try Sequential.outputShape(of: children, for: input) { "layer \($0)" }
        }

        public func makeLayer(using generator: inout some RandomNumberGenerator) throws -> any Layer {
            Sequential(try layers.map { try $0.build(using: &generator) })
        }
    }

    /// Layers under given names (`encoder`, `decoder`).
    public struct NamedDescription: LayerDescription {
        public static let kind = "named"
        public var layers: [NamedLayerSpec]

        public var summary: String { "Sequential" }
        public var children: [NamedLayerSpec] { layers }

        public func outputShape(for input: [Int]) throws -> [Int] {
            try Sequential.outputShape(of: layers, for: input) { $0 }
        }

        public func makeLayer(using generator: inout some RandomNumberGenerator) throws -> any Layer {
            Sequential(named: try layers.map { (name: $0.name, layer: try $0.layer.build(using: &generator)) })
        }
    }
}

extension LayerSpec {
    /// Layers applied in order, named 0, 1, 2, ...
    public static func sequential(layers: [LayerSpec]) -> LayerSpec {
        LayerSpec(Sequential.Description(layers: layers))
    }

    /// Layers applied in order under given names (`encoder`, `decoder`).
    public static func named(layers: [NamedLayerSpec]) -> LayerSpec {
        LayerSpec(Sequential.NamedDescription(layers: layers))
    }
}
