import LatentCore

/// x where x > 0, slope * x elsewhere, element-wise.
public final class LeakyReLU: Layer {
    public let slope: Float
    public init(slope: Float) { self.slope = slope }
    public var spec: LayerSpec { .leakyRelu(slope: slope) }
    public func callAsFunction(_ input: Tensor) -> Tensor { input.leakyRelu(slope: slope) }

    public struct Description: LayerDescription {
        public static let kind = "leakyRelu"
        public var slope: Float
        public var summary: String { "LeakyReLU(\(slope))" }
        public func outputShape(for input: [Int]) -> [Int] { input }
        public func makeLayer(using generator: inout some RandomNumberGenerator) -> any Layer {
            LeakyReLU(slope: slope)
        }
    }
}

extension LayerSpec {
    public static func leakyRelu(slope: Float) -> LayerSpec { LayerSpec(LeakyReLU.Description(slope: slope)) }
}
