import LatentCore
import LatentNN

/// The classifiers Latent builds by name, each with its layers grouped so that cut points have names:
/// `features` (what the convolutions see), `hidden` (the last hidden layer) and `head`.
public enum ClassifierArchitecture: String, CaseIterable, Sendable {
    /// Multinomial logistic regression on the inputs.
    case logistic
    /// One hidden layer of 256 ReLU units.
    case mlp
    /// The P5 CNN: two 3x3 convolution blocks with max-pooling, a 128-unit layer, a linear head.
    case cnn
    /// ResNet-18's layout of residual blocks (`ResNet`) at a quarter of its widths (16 to 128 channels), which a
    /// 2-core machine trains on 28x28 images in minutes an epoch.
    case resnet

    /// The layer description for images of `channels` x `height` x `width` (28x28 grey by default) and `classes` classes.
    ///
    /// Throws a `LatentError` naming the architecture and the image shape when it cannot take that shape, or
    /// when the model would be too large to train (see `ModelSize`), so that a command stops before training.
    public func spec(channels: Int = 1, height: Int = 28, width: Int = 28, classes: Int) throws -> LayerSpec {
        let shape = try ModelSize.imageShape(
            channels: channels, height: height, width: width, of: "the \(rawValue) classifier")
        let values = channels * height * width
        let spec: LayerSpec
        switch self {
        case .logistic:
            spec = .named(layers: [NamedLayerSpec("head", .linear(inputs: values, outputs: classes))])
        case .mlp:
            spec = .named(layers: [
                NamedLayerSpec("hidden", .sequential(layers: [.linear(inputs: values, outputs: 256), .relu])),
                NamedLayerSpec("head", .linear(inputs: 256, outputs: classes)),
            ])
        case .cnn:
            guard height >= 4, width >= 4 else {
                throw LatentError(
                    "the cnn classifier cannot take \(shape) images: it max-pools by 2 twice, so it needs "
                        + "images of at least 4x4 (`latent data import --size N`)")
            }
            let features = LayerSpec.sequential(layers: [
                .reshape(shape: [channels, height, width]),
                .conv2d(inChannels: channels, outChannels: 32, kernel: 3, padding: 1), .relu,
                .maxPool2d(kernel: 2, stride: 2),
                .conv2d(inChannels: 32, outChannels: 64, kernel: 3, padding: 1), .relu,
                .maxPool2d(kernel: 2, stride: 2),
                .flatten,
            ])
            // 64 * (H / 4) * (W / 4), rounded down at each pooling: the shape arithmetic says it once.
            let flattened = try features.outputShape(for: [values]).reduce(1, *)
            spec = .named(layers: [
                NamedLayerSpec("features", features),
                NamedLayerSpec("hidden", .sequential(layers: [.linear(inputs: flattened, outputs: 128), .relu])),
                NamedLayerSpec("head", .linear(inputs: 128, outputs: classes)),
            ])
        case .resnet:
            let network = ResNet(blocks: [2, 2, 2, 2], widths: [16, 32, 64, 128])
            spec = .named(layers: [
                NamedLayerSpec("features", try network.features(channels: channels, height: height, width: width)),
                NamedLayerSpec("head", .linear(inputs: network.widths[network.widths.count - 1], outputs: classes)),
            ])
        }
        try ModelSize.check(spec, of: "the \(rawValue) classifier", on: shape)
        return spec
    }
}
