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

    /// The layer description for images of `height` x `width` and `classes` classes.
    public func spec(height: Int = 28, width: Int = 28, classes: Int) -> LayerSpec {
        let pixels = height * width
        switch self {
        case .logistic:
            return .named(layers: [NamedLayerSpec("head", .linear(inputs: pixels, outputs: classes))])
        case .mlp:
            return .named(layers: [
                NamedLayerSpec("hidden", .sequential(layers: [.linear(inputs: pixels, outputs: 256), .relu])),
                NamedLayerSpec("head", .linear(inputs: 256, outputs: classes)),
            ])
        case .cnn:
            let flattened = 64 * (height / 4) * (width / 4)
            return .named(layers: [
                NamedLayerSpec("features", .sequential(layers: [
                    .reshape(shape: [1, height, width]),
                    .conv2d(inChannels: 1, outChannels: 32, kernel: 3, padding: 1), .relu, .maxPool2d(kernel: 2, stride: 2),
                    .conv2d(inChannels: 32, outChannels: 64, kernel: 3, padding: 1), .relu, .maxPool2d(kernel: 2, stride: 2),
                    .flatten,
                ])),
                NamedLayerSpec("hidden", .sequential(layers: [.linear(inputs: flattened, outputs: 128), .relu])),
                NamedLayerSpec("head", .linear(inputs: 128, outputs: classes)),
            ])
        }
    }
}
