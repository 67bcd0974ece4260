import LatentCore

/// tanh(x), element-wise.
public final class Tanh: Layer {
    public init() {}
    public var spec: LayerSpec { .tanh }
    public func callAsFunction(_ input: Tensor) -> Tensor { input.tanh() }

    public struct Description: LayerDescription {
        public static let kind = "tanh"
        public init() {}
        public var summary: String { "Tanh" }
        public func outputShape(for input: [Int]) -> [Int] { input }
        public func makeLayer(using generator: inout some RandomNumberGenerator) -> any Layer { Tanh() }
    }
}

extension LayerSpec {
    public static let tanh = LayerSpec(Tanh.Description())
}
