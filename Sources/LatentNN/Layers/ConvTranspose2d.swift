import LatentCore

/// A 2-D transposed convolution. x: (N, C, H, W) -> (N, O, OH, OW); weight: (C, O, K, K), as in PyTorch.
public final class ConvTranspose2d: Layer {
    public let weight: Tensor
    public let bias: Tensor
    public let stride: Int
    public let padding: Int
    public let outputPadding: Int

    /// Initialised like PyTorch's default, whose fan-in for this layer is O*K*K.
    public init(
        inChannels: Int, outChannels: Int, kernel: Int, stride: Int = 1, padding: Int = 0,
        outputPadding: Int = 0, using generator: inout some RandomNumberGenerator
    ) {
        let bound = 1 / Float(outChannels * kernel * kernel).squareRoot()
        weight = Tensor.uniform(
            [inChannels, outChannels, kernel, kernel], in: -bound...bound, requiresGrad: true,
            using: &generator)
        bias = Tensor.uniform([outChannels], in: -bound...bound, requiresGrad: true, using: &generator)
        self.stride = stride
        self.padding = padding
        self.outputPadding = outputPadding
    }

    public var spec: LayerSpec {
        .convTranspose2d(
            inChannels: weight.shape[0], outChannels: weight.shape[1], kernel: weight.shape[2],
            stride: stride, padding: padding, outputPadding: outputPadding)
    }
    public var parameters: [NamedTensor] { [("weight", weight), ("bias", bias)] }

    public func callAsFunction(_ input: Tensor) -> Tensor {
        Tensor.convTranspose2d(
            input, weight: weight, bias: bias, stride: stride, padding: padding,
            outputPadding: outputPadding)
    }

    public struct Description: LayerDescription {
        public static let kind = "convTranspose2d"
        public var inChannels: Int
        public var outChannels: Int
        public var kernel: Int
        public var stride: Int
        public var padding: Int
        public var outputPadding: Int

        public var summary: String {
            "ConvTranspose2d(\(inChannels) -> \(outChannels), \(kernel)x\(kernel), stride \(stride), pad \(padding), "
                + "out pad \(outputPadding))"
        }
        public var ownTensors: [TensorShape] {
            [TensorShape("weight", [inChannels, outChannels, kernel, kernel]), TensorShape("bias", [outChannels])]
        }

        public func validate() throws {
            try requirePositive([inChannels, outChannels, kernel, stride], "channels, kernel and stride")
            guard padding >= 0, outputPadding >= 0, outputPadding < stride else {
                throw LatentError("\(summary): needs padding >= 0 and 0 <= output padding < stride")
            }
        }

        // input: [C, H, W] -> [O, (H - 1) S - 2P + K + OP, (W - 1) S - 2P + K + OP]
        public func outputShape(for input: [Int]) throws -> [Int] {
            guard input.count == 3, input[0] == inChannels else {
                throw mismatch(expected: "[\(inChannels), H, W]", got: input)
            }
            let (h, w) = (
                (input[1] - 1) * stride - 2 * padding + kernel + outputPadding,
                (input[2] - 1) * stride - 2 * padding + kernel + outputPadding
            )
            guard h > 0, w > 0 else { throw mismatch(expected: "an input that gives a non-empty output", got: input) }
            return [outChannels, h, w]
        }

        public func makeLayer(using generator: inout some RandomNumberGenerator) -> any Layer {
            ConvTranspose2d(
                inChannels: inChannels, outChannels: outChannels, kernel: kernel, stride: stride,
                padding: padding, outputPadding: outputPadding, using: &generator)
        }
    }
}

extension LayerSpec {
    public static func convTranspose2d(
        inChannels: Int, outChannels: Int, kernel: Int, stride: Int = 1, padding: Int = 0,
        outputPadding: Int = 0
    ) -> LayerSpec {
        LayerSpec(
            ConvTranspose2d.Description(
                inChannels: inChannels, outChannels: outChannels, kernel: kernel,
                stride: stride, padding: padding, outputPadding: outputPadding))
    }
}
