import LatentCore

/// Each sample in a new shape with the same number of values; the batch axis is kept. x: (N, ...) -> (N, shape).
public final class Reshape: Layer {
    public let shape: [Int]
    public init(shape: [Int]) { self.shape = shape }
    public var spec: LayerSpec { .reshape(shape: shape) }
    public func callAsFunction(_ input: Tensor) -> Tensor { input.reshaped([input.shape[0]] + shape) }

    public struct Description: LayerDescription {
        public static let kind = "reshape"
        public var shape: [Int]

        public var summary: String { "Reshape(\(shape.map(String.init).joined(separator: "x")))" }
        public func validate() throws { try requirePositive(shape, "sizes") }

        public func outputShape(for input: [Int]) throws -> [Int] {
            guard shape.reduce(1, *) == input.reduce(1, *) else {
                throw mismatch(expected: "\(shape.reduce(1, *)) values per sample", got: input)
            }
            return shape
        }

        public func makeLayer(using generator: inout some RandomNumberGenerator) -> any Layer { Reshape(shape: shape) }
    }
}

extension LayerSpec {
    /// Reshapes each sample (the batch axis is kept).
    public static func reshape(shape: [Int]) -> LayerSpec { LayerSpec(Reshape.Description(shape: shape)) }
}
