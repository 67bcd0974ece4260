import LatentCore
import LatentNN

/// A U-Net (Ronneberger et al., 2015) as an autoencoder: at each level two convolutions, then the features go
/// down (max-pooling) to the next level and come back up (nearest up-sampling) to be concatenated with themselves
/// before two more convolutions; the deepest level passes through a dense code of `codeSize` values.
///
/// The skip connections carry detail past the code, so the code alone does not rebuild the image: a U-Net is for
/// denoising and image-to-image work (`--denoise`), and its codes are a weaker summary than a plain autoencoder's.
/// The code is the output of the layer named `code`, which `Autoencoder` finds.
public struct UNet: Equatable, Sendable {
    /// Channels at each level, from the image's own size down; each level after the first halves height and width.
    public var widths: [Int]

    public init(widths: [Int] = [16, 32, 64]) { self.widths = widths }

    /// The network for images of `channels` x `height` x `width`, taking and giving rows of C * H * W values.
    public func spec(codeSize: Int, channels: Int, height: Int, width: Int) throws -> LayerSpec {
        let scale = 1 << (widths.count - 1)
        guard !widths.isEmpty, widths.allSatisfy({ $0 > 0 }), height % scale == 0, width % scale == 0 else {
            throw LatentError(
                "the unet autoencoder cannot take \(channels)x\(height)x\(width) images: its \(widths.count) "
                    + "levels halve height and width \(widths.count - 1) times, so both must divide by "
                    + "\(scale) (`latent data import --size N`)")
        }
        return .named(layers: [
            NamedLayerSpec("input", .reshape(shape: [channels, height, width])),
            NamedLayerSpec("level1", level(0, from: channels, height: height, width: width, codeSize: codeSize)),
            NamedLayerSpec(
                "output",
                .sequential(layers: [
                    .conv2d(inChannels: widths[0], outChannels: channels, kernel: 1), .sigmoid, .flatten,
                ])),
        ])
    }

    /// `down -> [itself, inner] -> up` at `index`, where inner is the next level between a pooling and an
    /// up-sampling, or the dense code at the deepest level.
    private func level(_ index: Int, from inChannels: Int, height: Int, width: Int, codeSize: Int) -> LayerSpec {
        let channels = widths[index]
        let inner: LayerSpec
        if index == widths.count - 1 {
            let values = channels * height * width
            inner = .named(layers: [
                NamedLayerSpec("code", .sequential(layers: [.flatten, .linear(inputs: values, outputs: codeSize)])),
                NamedLayerSpec(
                    "expand",
                    .sequential(layers: [
                        .linear(inputs: codeSize, outputs: values), .relu, .reshape(shape: [channels, height, width]),
                    ])),
            ])
        } else {
            inner = .sequential(layers: [
                .maxPool2d(kernel: 2, stride: 2),
                level(index + 1, from: channels, height: height / 2, width: width / 2, codeSize: codeSize),
                .upsample(scale: 2),
            ])
        }
        let innerChannels = index == widths.count - 1 ? channels : widths[index + 1]
        return .named(layers: [
            NamedLayerSpec("down", Self.convolutions(from: inChannels, to: channels)),
            NamedLayerSpec("skip", .concatenate([.identity, inner])),
            NamedLayerSpec("up", Self.convolutions(from: channels + innerChannels, to: channels)),
        ])
    }

    /// Two 3x3 convolutions that keep the image's size, each with batch normalisation and a ReLU.
    private static func convolutions(from inChannels: Int, to outChannels: Int) -> LayerSpec {
        .sequential(layers: [
            .conv2d(inChannels: inChannels, outChannels: outChannels, kernel: 3, padding: 1),
            .batchNorm(features: outChannels), .relu,
            .conv2d(inChannels: outChannels, outChannels: outChannels, kernel: 3, padding: 1),
            .batchNorm(features: outChannels), .relu,
        ])
    }
}
