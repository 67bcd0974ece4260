import LatentCore

/// max(x, 0), element-wise.
public final class ReLU: Layer {
    public init() {}
    public var spec: LayerSpec { .relu }
    public func callAsFunction(_ input: Tensor) -> Tensor { input.relu() }

    public struct Description: LayerDescription {
        public static let kind = "relu"
        public init() {}
        public var summary: String { "ReLU" }
        public func outputShape(for input: [Int]) -> [Int] { input }
        public func makeLayer(using generator: inout some RandomNumberGenerator) -> any Layer { ReLU() }
    }
}

extension LayerSpec {
    public static let relu = LayerSpec(ReLU.Description())
}
