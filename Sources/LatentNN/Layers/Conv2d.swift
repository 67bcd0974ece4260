import LatentCore

/// A 2-D convolution. x: (N, C, H, W) -> (N, O, OH, OW); weight: (O, C, K, K), as in PyTorch.
public final class Conv2d: Layer {
    public let weight: Tensor
    public let bias: Tensor
    public let stride: Int
    public let padding: Int

    /// Initialised like PyTorch's default: U(-1/sqrt(C*K*K), 1/sqrt(C*K*K)).
    public init(inChannels: Int, outChannels: Int, kernel: Int, stride: Int = 1, padding: Int = 0,
                using generator: inout some RandomNumberGenerator) {
        let bound = 1 / Float(inChannels * kernel * kernel).squareRoot()
        weight = Tensor.uniform([outChannels, inChannels, kernel, kernel], in: -bound...bound, requiresGrad: true, using: &generator)
        bias = Tensor.uniform([outChannels], in: -bound...bound, requiresGrad: true, using: &generator)
        self.stride = stride
        self.padding = padding
    }

    public var spec: LayerSpec {
        .conv2d(inChannels: weight.shape[1], outChannels: weight.shape[0], kernel: weight.shape[2], stride: stride, padding: padding)
    }
    public var parameters: [NamedTensor] { [("weight", weight), ("bias", bias)] }

    public func callAsFunction(_ input: Tensor) -> Tensor {
        Tensor.conv2d(input, weight: weight, bias: bias, stride: stride, padding: padding)
    }
}
