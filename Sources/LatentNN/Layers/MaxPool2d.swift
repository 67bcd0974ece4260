import LatentCore

/// The largest value of each window. x: (N, C, H, W) -> (N, C, (H - K) / S + 1, (W - K) / S + 1).
public final class MaxPool2d: Layer {
    public let kernel: Int
    public let stride: Int
    public init(kernel: Int, stride: Int) {
        self.kernel = kernel
        self.stride = stride
    }
    public var spec: LayerSpec { .maxPool2d(kernel: kernel, stride: stride) }
    public func callAsFunction(_ input: Tensor) -> Tensor { input.maxPool2d(kernel: kernel, stride: stride) }

    public struct Description: LayerDescription {
        public static let kind = "maxPool2d"
        public var kernel: Int
        public var stride: Int

        public var summary: String { "MaxPool2d(\(kernel), stride \(stride))" }
        public func validate() throws { try requirePositive([kernel, stride], "kernel and stride") }

        public func outputShape(for input: [Int]) throws -> [Int] {
            guard input.count == 3, input[1] >= kernel, input[2] >= kernel else {
                throw mismatch(expected: "[C, H, W] with H, W >= \(kernel)", got: input)
            }
            return [input[0], (input[1] - kernel) / stride + 1, (input[2] - kernel) / stride + 1]
        }

        public func makeLayer(using generator: inout some RandomNumberGenerator) -> any Layer {
            MaxPool2d(kernel: kernel, stride: stride)
        }
    }
}

extension LayerSpec {
    public static func maxPool2d(kernel: Int, stride: Int) -> LayerSpec {
        LayerSpec(MaxPool2d.Description(kernel: kernel, stride: stride))
    }
}
