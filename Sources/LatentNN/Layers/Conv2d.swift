import LatentCore

/// A 2-D convolution. x: (N, C, H, W) -> (N, O, OH, OW); weight: (O, C, K, K), as in PyTorch.
public final class Conv2d: Layer {
    public let weight: Tensor
    public let bias: Tensor
    public let stride: Int
    public let padding: Int

    /// Initialised like PyTorch's default: U(-1/sqrt(C*K*K), 1/sqrt(C*K*K)).
    public init(
        inChannels: Int, outChannels: Int, kernel: Int, stride: Int = 1, padding: Int = 0,
        using generator: inout some RandomNumberGenerator
    ) {
        let bound = 1 / Float(inChannels * kernel * kernel).squareRoot()
        weight = Tensor.uniform(
            [outChannels, inChannels, kernel, kernel], in: -bound...bound, requiresGrad: true,
            using: &generator)
        bias = Tensor.uniform([outChannels], in: -bound...bound, requiresGrad: true, using: &generator)
        self.stride = stride
        self.padding = padding
    }

    public var spec: LayerSpec {
        .conv2d(
            inChannels: weight.shape[1], outChannels: weight.shape[0], kernel: weight.shape[2], stride: stride,
            padding: padding)
    }
    public var parameters: [NamedTensor] { [("weight", weight), ("bias", bias)] }

    public func callAsFunction(_ input: Tensor) -> Tensor {
        Tensor.conv2d(input, weight: weight, bias: bias, stride: stride, padding: padding)
    }

    public struct Description: LayerDescription {
        public static let kind = "conv2d"
        public var inChannels: Int
        public var outChannels: Int
        public var kernel: Int
        public var stride: Int
        public var padding: Int

        public var summary: String {
            "Conv2d(\(inChannels) -> \(outChannels), \(kernel)x\(kernel), stride \(stride), pad \(padding))"
        }
        public var ownTensors: [TensorShape] {
            [TensorShape("weight", [outChannels, inChannels, kernel, kernel]), TensorShape("bias", [outChannels])]
        }

        public func validate() throws {
            try requirePositive([inChannels, outChannels, kernel, stride], "channels, kernel and stride")
            guard padding >= 0 else { throw LatentError("\(summary): padding must not be negative") }
        }

        // input: [C, H, W] -> [O, (H + 2P - K) / S + 1, (W + 2P - K) / S + 1]
        public func outputShape(for input: [Int]) throws -> [Int] {
            guard input.count == 3, input[0] == inChannels else {
                throw mismatch(expected: "[\(inChannels), H, W]", got: input)
            }
            guard input[1] + 2 * padding >= kernel, input[2] + 2 * padding >= kernel else {
                throw mismatch(expected: "an image no smaller than the kernel", got: input)
            }
            return [
                outChannels, (input[1] + 2 * padding - kernel) / stride + 1,
                (input[2] + 2 * padding - kernel) / stride + 1,
            ]
        }

        public func makeLayer(using generator: inout some RandomNumberGenerator) -> any Layer {
            Conv2d(
                inChannels: inChannels, outChannels: outChannels, kernel: kernel, stride: stride, padding: padding,
                using: &generator)
        }
    }
}

extension LayerSpec {
    public static func conv2d(
        inChannels: Int, outChannels: Int, kernel: Int, stride: Int = 1, padding: Int = 0
    ) -> LayerSpec {
        LayerSpec(
            Conv2d.Description(
                inChannels: inChannels, outChannels: outChannels, kernel: kernel, stride: stride,
                padding: padding))
    }
}
