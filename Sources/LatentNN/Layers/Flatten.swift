import LatentCore

/// Each sample as one row of values. x: (N, ...) -> (N, D).
public final class Flatten: Layer {
    public init() {}
    public var spec: LayerSpec { .flatten }
    public func callAsFunction(_ input: Tensor) -> Tensor { input.reshaped([input.shape[0], -1]) }

    public struct Description: LayerDescription {
        public static let kind = "flatten"
        public init() {}
        public var summary: String { "Flatten" }
        public func outputShape(for input: [Int]) -> [Int] { [input.reduce(1, *)] }
        public func makeLayer(using generator: inout some RandomNumberGenerator) -> any Layer { Flatten() }
    }
}

extension LayerSpec {
    public static let flatten = LayerSpec(Flatten.Description())
}
