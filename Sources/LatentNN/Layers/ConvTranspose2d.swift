import LatentCore

/// A 2-D transposed convolution. x: (N, C, H, W) -> (N, O, OH, OW); weight: (C, O, K, K), as in PyTorch.
public final class ConvTranspose2d: Layer {
    public let weight: Tensor
    public let bias: Tensor
    public let stride: Int
    public let padding: Int
    public let outputPadding: Int

    /// Initialised like PyTorch's default, whose fan-in for this layer is O*K*K.
    public init(inChannels: Int, outChannels: Int, kernel: Int, stride: Int = 1, padding: Int = 0, outputPadding: Int = 0,
                using generator: inout some RandomNumberGenerator) {
        let bound = 1 / Float(outChannels * kernel * kernel).squareRoot()
        weight = Tensor.uniform([inChannels, outChannels, kernel, kernel], in: -bound...bound, requiresGrad: true, using: &generator)
        bias = Tensor.uniform([outChannels], in: -bound...bound, requiresGrad: true, using: &generator)
        self.stride = stride
        self.padding = padding
        self.outputPadding = outputPadding
    }

    public var spec: LayerSpec {
        .convTranspose2d(inChannels: weight.shape[0], outChannels: weight.shape[1], kernel: weight.shape[2], stride: stride,
                         padding: padding, outputPadding: outputPadding)
    }
    public var parameters: [NamedTensor] { [("weight", weight), ("bias", bias)] }

    public func callAsFunction(_ input: Tensor) -> Tensor {
        Tensor.convTranspose2d(input, weight: weight, bias: bias, stride: stride, padding: padding, outputPadding: outputPadding)
    }
}
