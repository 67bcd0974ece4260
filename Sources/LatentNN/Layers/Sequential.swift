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
            if index + 1 < children.endIndex, Self.poolsBeforeActivating(children[index].layer, children[index + 1].layer) {
                x = children[index + 1].layer(x).relu()
                index += 2
            } else {
                x = children[index].layer(x)
                index += 1
            }
        }
        return x
    }

    /// Whether `first` is a ReLU and `second` a max-pooling: both are monotone, so they commute, and pooling
    /// first runs the activation, forward and backward, on a fraction of the values, giving the same bits.
    private static func poolsBeforeActivating(_ first: any Layer, _ second: any Layer) -> Bool {
        guard let first = first as? ParameterFreeLayer, first.spec == .relu,
              let second = second as? ParameterFreeLayer, case .maxPool2d = second.spec else { return false }
        return true
    }
}
