import LatentCore
import LatentNN

/// The autoencoders Latent builds by name. Each is `encoder` then `decoder` (named children), so
/// the encoder can be saved, loaded and used alone; images go in and come out as rows of C * H * W values.
public enum AutoencoderArchitecture: String, CaseIterable, Sendable {
    /// 784-512-128-code-128-512-784, ReLU hidden, sigmoid output (protocol P3); C * H * W wide for other images.
    case dense
    /// 784-1000-500-250-code and back, the classic deep autoencoder (Hinton and Salakhutdinov, 2006).
    case deep
    /// Two strided convolutions and a linear code, mirrored by transposed convolutions (protocol P4).
    case conv
    /// A dense variational autoencoder with a Gaussian code.
    case variational
    /// Burda, Grosse and Salakhutdinov's one-stochastic-layer model (IWAE, 2016): 784-200-200-code, tanh hidden units
    /// on both sides, a Gaussian code and Bernoulli pixels (code 50 in the paper).
    case burda
    /// A U-Net with three levels (16, 32 and 64 channels) around a dense code (`UNet`): skip connections carry
    /// detail past the code, for denoising rather than retrieval.
    case unet
    /// The dense autoencoder with a vector quantizer between encoder and decoder (a VQ-VAE). Its code for
    /// retrieval is the encoder's output before quantization: the quantized codes take at most 256 values per
    /// group (the codebook's entries), so many images would tie at equal distances, and the commitment loss keeps the two close anyway.
    case vqvae
    /// One sigmoid hidden layer of code units and a sigmoid output: the contractive autoencoder's network.
    case shallow

    /// The layer description for images of `channels` x `height` x `width` (28x28 grey by default).
    ///
    /// Throws a `LatentError` naming the architecture and the image shape when it cannot take that shape, or
    /// when the model would be too large to train (see `ModelSize`), so that a command stops before training.
    /// `batchNorm` puts batch normalisation after every hidden linear layer of the dense and deep autoencoders;
    /// `likelihood` is the variational autoencoder's decoder (`burda` is always Bernoulli); `codebookEntries` the
    /// VQ-VAE's codebook size.
    public func spec(
        codeSize: Int, channels: Int = 1, height: Int = 28, width: Int = 28, batchNorm: Bool = false,
        likelihood: VariationalAutoencoder.Likelihood = .gaussian, codebookEntries: Int = Self.codebookEntries
    ) throws -> LayerSpec {
        let shape = try ModelSize.imageShape(
            channels: channels, height: height, width: width, of: "the \(rawValue) autoencoder")
        let values = channels * height * width
        guard !batchNorm || [.dense, .deep].contains(self) else {
            throw LatentError("the \(rawValue) autoencoder has no batch-normalised form; only dense and deep have")
        }
        let spec: LayerSpec
        switch self {
        case .dense:
            spec = Self.mirroredDense(values: values, hidden: [512, 128], codeSize: codeSize, batchNorm: batchNorm)
        case .deep:
            spec = Self.mirroredDense(
                values: values, hidden: [1000, 500, 250], codeSize: codeSize, batchNorm: batchNorm)
        case .conv: spec = try Self.convolutional(codeSize: codeSize, channels: channels, height: height, width: width)
        case .variational:
            spec = .variational(
                encoder: .sequential(layers: [
                    .linear(inputs: values, outputs: 512), .relu, .linear(inputs: 512, outputs: 256), .relu,
                    .linear(inputs: 256, outputs: 2 * codeSize),
                ]),
                decoder: .sequential(
                    layers: [
                        .linear(inputs: codeSize, outputs: 256), .relu, .linear(inputs: 256, outputs: 512), .relu,
                        .linear(inputs: 512, outputs: values),
                    ] + (likelihood == .gaussian ? [.sigmoid] : [])),
                codeSize: codeSize, likelihood: likelihood)
        case .burda: spec = Self.burda(values: values, codeSize: codeSize)
        case .unet: spec = try UNet().spec(codeSize: codeSize, channels: channels, height: height, width: width)
        case .vqvae: spec = Self.quantized(values: values, codeSize: codeSize, entries: codebookEntries)
        case .shallow: spec = Self.oneSigmoidLayer(values: values, codeSize: codeSize)
        }
        try ModelSize.check(spec, of: "the \(rawValue) autoencoder", on: shape)
        return spec
    }

    /// 784-200-200-code-200-200-784 with tanh hidden units, the decoder giving Bernoulli logits.
    private static func burda(values: Int, codeSize: Int) -> LayerSpec {
        .variational(
            encoder: .sequential(layers: [
                .linear(inputs: values, outputs: 200), .tanh, .linear(inputs: 200, outputs: 200), .tanh,
                .linear(inputs: 200, outputs: 2 * codeSize),
            ]),
            decoder: .sequential(layers: [
                .linear(inputs: codeSize, outputs: 200), .tanh, .linear(inputs: 200, outputs: 200), .tanh,
                .linear(inputs: 200, outputs: values),
            ]),
            codeSize: codeSize, likelihood: .bernoulli)
    }

    /// Two stride-2 convolutions halve each side twice, rounding up; two transposed convolutions double it back.
    ///
    /// A transposed convolution gives 2 * side - 1 + its output padding, so the padding is 1 where the side it
    /// restores is even and 0 where it is odd: every side comes back to itself (28 -> 14 -> 7 -> 14 -> 28,
    /// 30 -> 15 -> 8 -> 15 -> 30). One padding serves both axes, so height and width must be even or odd alike
    /// at both steps; square images always are.
    private static func convolutional(codeSize: Int, channels: Int, height: Int, width: Int) throws -> LayerSpec {
        let halves = [height, (height + 1) / 2, (height + 3) / 4]
        let widthHalves = [width, (width + 1) / 2, (width + 3) / 4]
        guard halves[0] % 2 == widthHalves[0] % 2, halves[1] % 2 == widthHalves[1] % 2 else {
            throw LatentError(
                "the conv autoencoder cannot take \(channels)x\(height)x\(width) images: it halves height and "
                    + "width twice (\(halves.map(String.init).joined(separator: " -> ")) and "
                    + "\(widthHalves.map(String.init).joined(separator: " -> "))) and restores both with one output "
                    + "padding, so they must be even or odd alike at each step; square images always are "
                    + "(`latent data import --size N`)")
        }
        let (h4, w4) = (halves[2], widthHalves[2])
        let outputPadding = (first: 1 - halves[1] % 2, second: 1 - halves[0] % 2)
        return .named(layers: [
            NamedLayerSpec(
                "encoder",
                .sequential(layers: [
                    .reshape(shape: [channels, height, width]),
                    .conv2d(inChannels: channels, outChannels: 16, kernel: 3, stride: 2, padding: 1), .relu,
                    .conv2d(inChannels: 16, outChannels: 32, kernel: 3, stride: 2, padding: 1), .relu,
                    .flatten, .linear(inputs: 32 * h4 * w4, outputs: codeSize),
                ])),
            NamedLayerSpec(
                "decoder",
                .sequential(layers: [
                    .linear(inputs: codeSize, outputs: 32 * h4 * w4), .relu, .reshape(shape: [32, h4, w4]),
                    .convTranspose2d(
                        inChannels: 32, outChannels: 16, kernel: 3, stride: 2, padding: 1,
                        outputPadding: outputPadding.first), .relu,
                    .convTranspose2d(
                        inChannels: 16, outChannels: channels, kernel: 3, stride: 2, padding: 1,
                        outputPadding: outputPadding.second), .sigmoid,
                    .flatten,
                ])),
        ])
    }

    /// Dense layers down to a linear code and mirrored back up to a sigmoid output; with `batchNorm`, each hidden
    /// linear layer is followed by batch normalisation before its ReLU (the code and the output are left alone).
    static func mirroredDense(values: Int, hidden: [Int], codeSize: Int, batchNorm: Bool) -> LayerSpec {
        let sizes = [values] + hidden + [codeSize]
        func stack(_ sizes: [Int], last: LayerSpec?) -> [LayerSpec] {
            var layers: [LayerSpec] = []
            for (index, (from, to)) in zip(sizes, sizes.dropFirst()).enumerated() {
                layers.append(.linear(inputs: from, outputs: to))
                if index == sizes.count - 2 { break }
                layers += batchNorm ? [.batchNorm(features: to), .relu] : [.relu]
            }
            return layers + (last.map { [$0] } ?? [])
        }
        return .named(layers: [
            NamedLayerSpec("encoder", .sequential(layers: stack(sizes, last: nil))),
            NamedLayerSpec("decoder", .sequential(layers: stack(sizes.reversed(), last: .sigmoid))),
        ])
    }
}
