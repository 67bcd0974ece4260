import LatentCore

/// A fully connected layer, `x W^T + b`. x: (N, I) -> (N, O); weight: (O, I), as in PyTorch.
public final class Linear: Layer {
    public let weight: Tensor
    public let bias: Tensor?

    /// Initialised like PyTorch's default: U(-1/sqrt(I), 1/sqrt(I)) for weight and bias.
    public init(inputs: Int, outputs: Int, bias: Bool = true, using generator: inout some RandomNumberGenerator) {
        let bound = 1 / Float(inputs).squareRoot()
        weight = Tensor.uniform([outputs, inputs], in: -bound...bound, requiresGrad: true, using: &generator)
        self.bias = bias ? Tensor.uniform([outputs], in: -bound...bound, requiresGrad: true, using: &generator) : nil
    }

    public var spec: LayerSpec { .linear(inputs: weight.shape[1], outputs: weight.shape[0], bias: bias != nil) }
    public var parameters: [NamedTensor] { [("weight", weight)] + (bias.map { [("bias", $0)] } ?? []) }

    public func callAsFunction(_ input: Tensor) -> Tensor { Tensor.linear(input, weight: weight, bias: bias) }

    public struct Description: LayerDescription {
        public static let kind = "linear"
        public var inputs: Int
        public var outputs: Int
        public var bias: Bool

        public var summary: String { "Linear(\(inputs) -> \(outputs)\(bias ? "" : ", no bias"))" }
        public var ownTensors: [TensorShape] {
            [TensorShape("weight", [outputs, inputs])] + (bias ? [TensorShape("bias", [outputs])] : [])
        }
        public func validate() throws { try requirePositive([inputs, outputs], "sizes") }

        public func outputShape(for input: [Int]) throws -> [Int] {
            guard input == [inputs] else { throw mismatch(expected: "a sample of shape [\(inputs)]", got: input) }
            return [outputs]
        }

        public func makeLayer(using generator: inout some RandomNumberGenerator) -> any Layer {
            Linear(inputs: inputs, outputs: outputs, bias: bias, using: &generator)
        }
    }
}

extension LayerSpec {
    public static func linear(inputs: Int, outputs: Int, bias: Bool = true) -> LayerSpec {
        LayerSpec(Linear.Description(inputs: inputs, outputs: outputs, bias: bias))
    }
}
