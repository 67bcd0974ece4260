import LatentNN

/// The autoencoders Latent builds by name. Each is `encoder` then `decoder` (named children), so
/// the encoder can be saved, loaded and used alone; images go in and come out as rows of H * W pixels.
public enum AutoencoderArchitecture: String, CaseIterable, Sendable {
    /// 784-512-128-code-128-512-784, ReLU hidden, sigmoid output (protocol P3).
    case dense
    /// 784-1000-500-250-code and back, the classic deep autoencoder (Hinton and Salakhutdinov, 2006).
    case deep
    /// Two strided convolutions and a linear code, mirrored by transposed convolutions (protocol P4).
    case conv
    /// A dense variational autoencoder with a Gaussian code.
    case variational

    public func spec(codeSize: Int, height: Int = 28, width: Int = 28) -> LayerSpec {
        let pixels = height * width
        switch self {
        case .dense: return Self.mirroredDense(pixels: pixels, hidden: [512, 128], codeSize: codeSize)
        case .deep: return Self.mirroredDense(pixels: pixels, hidden: [1000, 500, 250], codeSize: codeSize)
        case .conv:
            let (h4, w4) = (height / 4, width / 4)
            return .named(layers: [
                NamedLayerSpec("encoder", .sequential(layers: [
                    .reshape(shape: [1, height, width]),
                    .conv2d(inChannels: 1, outChannels: 16, kernel: 3, stride: 2, padding: 1), .relu,
                    .conv2d(inChannels: 16, outChannels: 32, kernel: 3, stride: 2, padding: 1), .relu,
                    .flatten, .linear(inputs: 32 * h4 * w4, outputs: codeSize),
                ])),
                NamedLayerSpec("decoder", .sequential(layers: [
                    .linear(inputs: codeSize, outputs: 32 * h4 * w4), .relu, .reshape(shape: [32, h4, w4]),
                    .convTranspose2d(inChannels: 32, outChannels: 16, kernel: 3, stride: 2, padding: 1, outputPadding: 1), .relu,
                    .convTranspose2d(inChannels: 16, outChannels: 1, kernel: 3, stride: 2, padding: 1, outputPadding: 1), .sigmoid,
                    .flatten,
                ])),
            ])
        case .variational:
            return .variational(
                encoder: .sequential(layers: [.linear(inputs: pixels, outputs: 512), .relu, .linear(inputs: 512, outputs: 256), .relu,
                                              .linear(inputs: 256, outputs: 2 * codeSize)]),
                decoder: .sequential(layers: [.linear(inputs: codeSize, outputs: 256), .relu, .linear(inputs: 256, outputs: 512), .relu,
                                              .linear(inputs: 512, outputs: pixels), .sigmoid]),
                codeSize: codeSize)
        }
    }

    /// Dense layers down to a linear code and mirrored back up to a sigmoid output.
    private static func mirroredDense(pixels: Int, hidden: [Int], codeSize: Int) -> LayerSpec {
        let sizes = [pixels] + hidden + [codeSize]
        var encoder: [LayerSpec] = [], decoder: [LayerSpec] = []
        for (from, to) in zip(sizes, sizes.dropFirst()) {
            encoder += [.linear(inputs: from, outputs: to), .relu]
        }
        encoder.removeLast()  // the code is linear
        for (from, to) in zip(sizes.reversed(), sizes.reversed().dropFirst()) {
            decoder += [.linear(inputs: from, outputs: to), .relu]
        }
        decoder[decoder.count - 1] = .sigmoid
        return .named(layers: [NamedLayerSpec("encoder", .sequential(layers: encoder)),
                               NamedLayerSpec("decoder", .sequential(layers: decoder))])
    }
}
