import LatentCore
import LatentNN

/// The encoders `latent train ssl` builds: a ResNet backbone whose pooled output is the layer `features`, then a
/// projection head `projector` (Linear, batch normalisation, ReLU, Linear, as SimCLR and VICReg use) that only the
/// loss sees. Search and retrieval read `features`.
public enum SelfSupervisedArchitecture: String, CaseIterable, Sendable {
    /// The classifier's `resnet`: ResNet-18's layout (four stages of two basic blocks) at widths 16 to 128.
    case resnet
    /// Three stages of one basic block at widths 16, 32 and 64 (8 weight layers with the head): about a sixth of
    /// `resnet`'s work per image, for a 2-core machine.
    case resnet8

    /// The backbone's stages.
    public var network: ResNet {
        switch self {
        case .resnet: return ResNet(blocks: [2, 2, 2, 2], widths: [16, 32, 64, 128])
        case .resnet8: return ResNet(blocks: [1, 1, 1], widths: [16, 32, 64])
        }
    }

    /// The values of one image's features: the last stage's width.
    public var featureCount: Int { network.widths[network.widths.count - 1] }

    /// `features` then `projector` for images of `channels` x `height` x `width`.
    ///
    /// The projector's hidden layer is as wide as the features or the projection, whichever is wider. Throws a
    /// `LatentError` naming the architecture when it cannot take the images or would be too large to train.
    /// - Parameters:
    ///   - channels: C of the images, 1 (grey) or 3 (RGB).
    ///   - height: H in pixels.
    ///   - width: W in pixels.
    ///   - projectionDimension: the values of a projection, which the loss compares.
    public func spec(channels: Int, height: Int, width: Int, projectionDimension: Int) throws -> LayerSpec {
        let shape = try ModelSize.imageShape(
            channels: channels, height: height, width: width, of: "the \(rawValue) encoder")
        let hidden = max(featureCount, projectionDimension)
        let spec = LayerSpec.named(layers: [
            NamedLayerSpec("features", try network.features(channels: channels, height: height, width: width)),
            NamedLayerSpec(
                "projector",
                .sequential(layers: [
                    .linear(inputs: featureCount, outputs: hidden), .batchNorm(features: hidden), .relu,
                    .linear(inputs: hidden, outputs: projectionDimension),
                ])),
        ])
        try ModelSize.check(spec, of: "the \(rawValue) encoder", on: shape)
        return spec
    }
}
