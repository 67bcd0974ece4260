import LatentCore
import LatentData
import LatentNN

/// Everything one self-supervised training job is asked for (`latent train ssl`'s flags): the method, the encoder,
/// the loss's settings and the training settings, whose augmentation makes the two views.
public struct SelfSupervisedSettings: Sendable, Equatable {
    public var method: SelfSupervisedMethod = .simclr
    public var architecture: SelfSupervisedArchitecture = .resnet8
    /// NT-Xent's temperature (SimCLR); VICReg has none.
    public var temperature: Float = 0.5
    /// The values of a projection, which the loss compares.
    public var projectionDimension = 128
    public var training = TrainingSettings(epochs: 5, batchSize: 128)

    public init() {}

    /// Makes the two views of every image, drawn afresh at every step: the training settings' augmentation, else
    /// SimCLR's chain (`Augmentation.simclr`), since a self-supervised loss has nothing to learn from without one.
    public var augmentation: Augmentation { training.augmentation ?? .simclr }

    /// The encoder for images of `train`'s shape, built from the seed; refused by name when the architecture cannot
    /// take them.
    /// - Parameter train: the images the encoder will train on.
    public func build(for train: ImageDataset) throws -> any Layer {
        var generator = SeededGenerator(seed: training.seed)
        return try architecture.spec(
            channels: train.channels, height: train.height, width: train.width,
            projectionDimension: projectionDimension
        ).build(using: &generator)
    }

    /// What a checkpoint records of these settings: a resumed run must ask for the same.
    public var metadata: [String: String] {
        training.metadata.merging([
            "task": "self-supervised", "method": method.rawValue, "architecture": architecture.rawValue,
            "augment": augmentation.description, "temperature": String(temperature),
            "projection_dim": String(projectionDimension),
        ]) { $1 }
    }

    /// Refuses settings that are valid one by one but not together, before any data is read; messages name the
    /// settings as `names` does.
    /// - Parameter names: the front end's names for the settings (flags), for messages.
    public func check(names: SettingNames) throws(LatentError) {
        try training.check(names: names)
        if method == .vicreg && training.batchSize < 2 {
            throw LatentError(
                "\(names.quoting("training.batch_size", training.batchSize)) is too small for VICReg, which measures "
                    + "each dimension's spread over a batch; use at least 2")
        }
    }
}
