import LatentCore

/// 1 / (1 + e^-x), element-wise.
public final class Sigmoid: Layer {
    public init() {}
    public var spec: LayerSpec { .sigmoid }
    public func callAsFunction(_ input: Tensor) -> Tensor { input.sigmoid() }

    public struct Description: LayerDescription {
        public static let kind = "sigmoid"
        public init() {}
        public var summary: String { "Sigmoid" }
        public func outputShape(for input: [Int]) -> [Int] { input }
        public func makeLayer(using generator: inout some RandomNumberGenerator) -> any Layer { Sigmoid() }
    }
}

extension LayerSpec {
    public static let sigmoid = LayerSpec(Sigmoid.Description())
}
