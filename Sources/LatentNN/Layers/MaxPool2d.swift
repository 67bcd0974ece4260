import LatentCore

/// The largest value of each window, the image padded with -infinity.
/// x: (N, C, H, W) -> (N, C, (H + 2P - K) / S + 1, (W + 2P - K) / S + 1).
public final class MaxPool2d: Layer {
    public let kernel: Int
    public let stride: Int
    public let padding: Int

    /// - Parameters:
    ///   - kernel: K, the side of the square window.
    ///   - stride: S, the step between windows.
    ///   - padding: P, rows and columns of -infinity on each side, at most K / 2 (as torchvision's stem: 3, 2, 1).
    public init(kernel: Int, stride: Int, padding: Int = 0) {
        self.kernel = kernel
        self.stride = stride
        self.padding = padding
    }
    public var spec: LayerSpec { .maxPool2d(kernel: kernel, stride: stride, padding: padding) }
    public func callAsFunction(_ input: Tensor) -> Tensor {
        input.maxPool2d(kernel: kernel, stride: stride, padding: padding)
    }

    public struct Description: LayerDescription {
        public static let kind = "maxPool2d"
        public var kernel: Int
        public var stride: Int
        /// Stored only when not zero, so that files written before the option existed keep their bytes.
        public var padding = 0

        public var summary: String {
            "MaxPool2d(\(kernel), stride \(stride)" + (padding == 0 ? ")" : ", pad \(padding))")
        }
        public func validate() throws {
            try requirePositive([kernel, stride], "kernel and stride")
            guard padding >= 0, 2 * padding <= kernel else {
                throw LatentError("\(summary): padding must be between 0 and half the kernel")
            }
        }

        public func outputShape(for input: [Int]) throws -> [Int] {
            guard input.count == 3, input[1] + 2 * padding >= kernel, input[2] + 2 * padding >= kernel else {
                throw mismatch(expected: "[C, H, W] with H, W >= \(kernel - 2 * padding)", got: input)
            }
            return [
                input[0], (input[1] + 2 * padding - kernel) / stride + 1,
                (input[2] + 2 * padding - kernel) / stride + 1,
            ]
        }

        public func makeLayer(using generator: inout some RandomNumberGenerator) -> any Layer {
            MaxPool2d(kernel: kernel, stride: stride, padding: padding)
        }
    }
}

extension MaxPool2d.Description {
    private enum CodingKeys: String, CodingKey { case kernel, stride, padding }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        kernel = try container.decode(Int.self, forKey: .kernel)
        stride = try container.decode(Int.self, forKey: .stride)
        padding = try container.decodeIfPresent(Int.self, forKey: .padding) ?? 0
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(kernel, forKey: .kernel)
        try container.encode(stride, forKey: .stride)
        if padding != 0 { try container.encode(padding, forKey: .padding) }
    }
}

extension LayerSpec {
    /// Max-pooling's description; see `MaxPool2d`.
    ///
    /// - Parameters:
    ///   - kernel: the side of the square window.
    ///   - stride: the step between windows.
    ///   - padding: rows and columns of -infinity on each side, at most half the kernel.
    public static func maxPool2d(kernel: Int, stride: Int, padding: Int = 0) -> LayerSpec {
        LayerSpec(MaxPool2d.Description(kernel: kernel, stride: stride, padding: padding))
    }
}
