import LatentCore
import LatentData
import LatentNN

/// Everything one classifier training job is asked for: `latent train classifier`'s flags and a classifier experiment
/// file's keys both decode into it, and it builds the classifier and trains it through the one classifier loop
/// (`ClassifierTraining`).
public struct ClassifierSettings: Sendable, Equatable {
    public var architecture: ClassifierArchitecture = .mlp
    public var training = TrainingSettings(epochs: 5)

    public init() {}

    /// The classifier for `train`'s images and classes, built from the seed; refused by name when the architecture
    /// cannot take the images.
    public func build(for train: ImageDataset) throws -> any Layer {
        var generator = SeededGenerator(seed: training.seed)
        return try architecture.spec(
            channels: train.channels, height: train.height, width: train.width,
            classes: train.classNames.count
        ).build(using: &generator)
    }

    /// Trains `model` (from `build(for:)`) on `train` under `options` with these settings' optimizer, its checkpoints
    /// recording the settings and `metadata`; returns every epoch's report.
    @discardableResult
    public func train(
        _ model: any Layer, on train: ImageDataset, validation: ImageDataset?, options: TrainingOptions,
        metadata: [String: String]
    ) throws -> [EpochReport] {
        try ClassifierTraining.train(
            model, on: train, validation: validation, options: options,
            optimizer: training.optimizer(),
            metadata: training.metadata.merging([
                "task": "classifier", "architecture": architecture.rawValue,
                "input_shape": train.shapeDescription,
            ]) { $1 }.merging(metadata) { $1 }, augmentation: training.augmentation)
    }
}
