import LatentCore
import LatentNN

/// A residual network in ResNet-18's layout (He et al., 2016): stages of basic blocks, each stage after the first
/// halving the image and widening the channels, then global average pooling.
///
/// The stem is a 3x3 convolution at stride 1, as in the paper's CIFAR networks: Latent's images are small
/// (28x28, or 64x64 from `latent data import`), where ImageNet's 7x7 stem and pooling would leave too little.
public struct ResNet: Equatable, Sendable {
    /// Basic blocks per stage; ResNet-18 has [2, 2, 2, 2], ResNet-34 [3, 4, 6, 3].
    public var blocks: [Int]
    /// Channels per stage; ResNet-18 has [64, 128, 256, 512].
    public var widths: [Int]

    public init(blocks: [Int] = [2, 2, 2, 2], widths: [Int] = [64, 128, 256, 512]) {
        self.blocks = blocks
        self.widths = widths
    }

    /// `reshape -> stem -> stages -> pool`, from rows of C * H * W values to one feature vector of `widths.last`.
    public func features(channels: Int, height: Int, width: Int) throws -> LayerSpec {
        guard !blocks.isEmpty, blocks.count == widths.count, (blocks + widths).allSatisfy({ $0 > 0 }) else {
            throw LatentError(
                "a ResNet needs as many stages in blocks (\(blocks)) as in widths (\(widths)), "
                    + "all of them positive")
        }
        var layers: [NamedLayerSpec] = [
            NamedLayerSpec("input", .reshape(shape: [channels, height, width])),
            NamedLayerSpec(
                "stem",
                .named(layers: [
                    NamedLayerSpec(
                        "conv", .conv2d(inChannels: channels, outChannels: widths[0], kernel: 3, padding: 1)),
                    NamedLayerSpec("bn", .batchNorm(features: widths[0])),
                    NamedLayerSpec("relu", .relu),
                ])),
        ]
        var channelsIn = widths[0]
        for (stage, (count, width)) in zip(blocks, widths).enumerated() {
            let stageBlocks = (0..<count).map { index in
                let block = Self.basicBlock(from: channelsIn, to: width, stride: stage > 0 && index == 0 ? 2 : 1)
                channelsIn = width
                return block
            }
            layers.append(NamedLayerSpec("layer\(stage + 1)", .sequential(layers: stageBlocks)))
        }
        layers.append(NamedLayerSpec("pool", .globalAveragePool2d))
        return .named(layers: layers)
    }

    /// `relu(bn(conv(relu(bn(conv(x))))) + shortcut(x))`, with a strided 1x1 projection as the shortcut where the
    /// block changes the shape (option B of the paper).
    static func basicBlock(from inChannels: Int, to outChannels: Int, stride: Int) -> LayerSpec {
        let body = LayerSpec.named(layers: [
            NamedLayerSpec(
                "conv1",
                .conv2d(
                    inChannels: inChannels, outChannels: outChannels, kernel: 3, stride: stride,
                    padding: 1)),
            NamedLayerSpec("bn1", .batchNorm(features: outChannels)),
            NamedLayerSpec("relu", .relu),
            NamedLayerSpec("conv2", .conv2d(inChannels: outChannels, outChannels: outChannels, kernel: 3, padding: 1)),
            NamedLayerSpec("bn2", .batchNorm(features: outChannels)),
        ])
        let projects = stride != 1 || inChannels != outChannels
        let shortcut: LayerSpec =
            projects
            ? .named(layers: [
                NamedLayerSpec(
                    "conv", .conv2d(inChannels: inChannels, outChannels: outChannels, kernel: 1, stride: stride)),
                NamedLayerSpec("bn", .batchNorm(features: outChannels)),
            ])
            : .identity
        return .named(layers: [
            NamedLayerSpec("residual", .residual(body: body, shortcut: shortcut)),
            NamedLayerSpec("relu", .relu),
        ])
    }
}
