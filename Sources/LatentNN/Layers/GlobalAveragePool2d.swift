import LatentCore

/// The mean of each channel over the image, as ResNets pool before their head. x: (N, C, H, W) -> (N, C).
public final class GlobalAveragePool2d: Layer {
    public init() {}
    public var spec: LayerSpec { .globalAveragePool2d }
    public func callAsFunction(_ input: Tensor) -> Tensor { input.mean(axes: [2, 3]) }

    public struct Description: LayerDescription {
        public static let kind = "globalAveragePool2d"
        public init() {}
        public var summary: String { "GlobalAveragePool2d" }

        public func outputShape(for input: [Int]) throws -> [Int] {
            guard input.count == 3 else { throw mismatch(expected: "[C, H, W]", got: input) }
            return [input[0]]
        }

        public func makeLayer(using generator: inout some RandomNumberGenerator) -> any Layer { GlobalAveragePool2d() }
    }
}

extension LayerSpec {
    public static let globalAveragePool2d = LayerSpec(GlobalAveragePool2d.Description())
}
