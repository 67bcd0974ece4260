import LatentCore

/// A 2-D convolution. x: (N, C, H, W) -> (N, O, OH, OW); weight: (O, C, K, K), as in PyTorch.
///
/// Without a bias when a batch normalisation follows (torchvision's ResNets): its shift makes a bias redundant,
/// and a bias stored as zeros would still train when fine-tuned, so the model would no longer be torchvision's.
public final class Conv2d: Layer {
    public let weight: Tensor
    /// (O); `nil` for a convolution made without one.
    public let bias: Tensor?
    public let stride: Int
    public let padding: Int

    /// Initialised like PyTorch's default: U(-1/sqrt(C*K*K), 1/sqrt(C*K*K)).
    ///
    /// - Parameters:
    ///   - inChannels: C, the input's channels.
    ///   - outChannels: O, the output's channels.
    ///   - kernel: K, the side of the square kernel.
    ///   - stride: the step between windows.
    ///   - padding: zeros added on each side.
    ///   - bias: whether the layer adds a trained bias per output channel.
    ///   - generator: draws the initial weights.
    public init(
        inChannels: Int, outChannels: Int, kernel: Int, stride: Int = 1, padding: Int = 0, bias: Bool = true,
        using generator: inout some RandomNumberGenerator
    ) {
        let bound = 1 / Float(inChannels * kernel * kernel).squareRoot()
        weight = Tensor.uniform(
            [outChannels, inChannels, kernel, kernel], in: -bound...bound, requiresGrad: true,
            using: &generator)
        self.bias =
            bias ? Tensor.uniform([outChannels], in: -bound...bound, requiresGrad: true, using: &generator) : nil
        self.stride = stride
        self.padding = padding
    }

    public var spec: LayerSpec {
        .conv2d(
            inChannels: weight.shape[1], outChannels: weight.shape[0], kernel: weight.shape[2], stride: stride,
            padding: padding, bias: bias != nil)
    }
    public var parameters: [NamedTensor] { [("weight", weight)] + (bias.map { [("bias", $0)] } ?? []) }

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
        /// Stored only when false, so that files written before the option existed (all with a bias) keep their bytes.
        public var bias = true

        public var summary: String {
            "Conv2d(\(inChannels) -> \(outChannels), \(kernel)x\(kernel), stride \(stride), pad \(padding)"
                + (bias ? ")" : ", no bias)")
        }
        public var ownTensors: [TensorShape] {
            [TensorShape("weight", [outChannels, inChannels, kernel, kernel])]
                + (bias ? [TensorShape("bias", [outChannels])] : [])
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
                bias: bias, using: &generator)
        }
    }
}

extension Conv2d.Description {
    private enum CodingKeys: String, CodingKey { case inChannels, outChannels, kernel, stride, padding, bias }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        inChannels = try container.decode(Int.self, forKey: .inChannels)
        outChannels = try container.decode(Int.self, forKey: .outChannels)
        kernel = try container.decode(Int.self, forKey: .kernel)
        stride = try container.decode(Int.self, forKey: .stride)
        padding = try container.decode(Int.self, forKey: .padding)
        bias = try container.decodeIfPresent(Bool.self, forKey: .bias) ?? true
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(inChannels, forKey: .inChannels)
        try container.encode(outChannels, forKey: .outChannels)
        try container.encode(kernel, forKey: .kernel)
        try container.encode(stride, forKey: .stride)
        try container.encode(padding, forKey: .padding)
        if !bias { try container.encode(bias, forKey: .bias) }
    }
}

extension LayerSpec {
    /// A 2-D convolution's description; see `Conv2d`.
    ///
    /// - Parameters:
    ///   - inChannels: the input's channels.
    ///   - outChannels: the output's channels.
    ///   - kernel: the side of the square kernel.
    ///   - stride: the step between windows.
    ///   - padding: zeros added on each side.
    ///   - bias: whether the layer adds a trained bias per output channel.
    public static func conv2d(
        inChannels: Int, outChannels: Int, kernel: Int, stride: Int = 1, padding: Int = 0, bias: Bool = true
    ) -> LayerSpec {
        LayerSpec(
            Conv2d.Description(
                inChannels: inChannels, outChannels: outChannels, kernel: kernel, stride: stride,
                padding: padding, bias: bias))
    }
}
