import LatentCore

/// Nearest-neighbour up-sampling by a whole factor. x: (N, C, H, W) -> (N, C, H * S, W * S).
public final class Upsample: Layer {
    public let scale: Int
    public init(scale: Int) { self.scale = scale }
    public var spec: LayerSpec { .upsample(scale: scale) }
    public func callAsFunction(_ input: Tensor) -> Tensor { input.upsampleNearest(scale: scale) }

    public struct Description: LayerDescription {
        public static let kind = "upsample"
        public var scale: Int

        public var summary: String { "Upsample(x\(scale))" }
        public func validate() throws { try requirePositive([scale], "scale") }

        public func outputShape(for input: [Int]) throws -> [Int] {
            guard input.count == 3 else { throw mismatch(expected: "[C, H, W]", got: input) }
            return [input[0], input[1] * scale, input[2] * scale]
        }

        public func makeLayer(using generator: inout some RandomNumberGenerator) -> any Layer { Upsample(scale: scale) }
    }
}

extension LayerSpec {
    public static func upsample(scale: Int) -> LayerSpec { LayerSpec(Upsample.Description(scale: scale)) }
}
