import LatentCore

/// The input unchanged: a residual block's shortcut, or a U-Net's skip connection.
public final class Identity: Layer {
    public init() {}
    public var spec: LayerSpec { .identity }
    public func callAsFunction(_ input: Tensor) -> Tensor { input }

    public struct Description: LayerDescription {
        public static let kind = "identity"
        public init() {}
        public var summary: String { "Identity" }
        public func outputShape(for input: [Int]) -> [Int] { input }
        public func makeLayer(using generator: inout some RandomNumberGenerator) -> any Layer { Identity() }
    }
}

extension LayerSpec {
    public static let identity = LayerSpec(Identity.Description())
}
