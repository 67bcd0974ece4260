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
        children.reduce(input) { $1.layer($0) }
    }
}
