import LatentCore
import LatentData
import LatentNN

/// Training a classifier with cross-entropy: the one loop every classifier job shares (`train classifier`,
/// `transfer`, the benchmarks and the transfer protocol).
public enum ClassifierTraining {
    /// Trains `model` on `train` under `options` with `optimizer`, its checkpoints recording `metadata`; returns the
    /// report of every epoch of the run (a resumed run's earlier ones as its metrics log has them).
    ///
    /// - Parameters:
    ///   - model: the classifier, giving one logit per class.
    ///   - train: the labelled images it learns from.
    ///   - validation: images whose loss is measured after each epoch, clean.
    ///   - options: epochs, batches, seed, files and progress.
    ///   - optimizer: what updates the parameters.
    ///   - metadata: recorded in every checkpoint.
    ///   - augmentation: random edits of each training batch's images; `nil` trains on them as they are.
    @discardableResult
    public static func train(
        _ model: any Layer, on train: ImageDataset, validation: ImageDataset? = nil,
        options: TrainingOptions, optimizer: any Optimizer = Adam(),
        metadata: [String: String] = [:], augmentation: Augmentation? = nil
    ) throws -> [EpochReport] {
        let trainer = Trainer(model: model, optimizer: optimizer, options: options)
        trainer.checkpointMetadata = metadata
        try trainer.fit(train, validation: validation) { batch, generator in
            // The trainer measures validation loss without gradients: those batches stay clean.
            let augmented = GradientMode.isEnabled ? augmentation?.views(of: batch, using: &generator) : nil
            return Loss.crossEntropy(logits: model(augmented ?? batch.images), labels: batch.labels)
        }
        return trainer.history
    }

    /// Trains `model` on `train` with Adam and returns its accuracy on `test`.
    @discardableResult
    public static func fit(
        _ model: any Layer, train: ImageDataset, test: ImageDataset? = nil, options: TrainingOptions,
        learningRate: Float = 1e-3
    ) throws -> Double? {
        try self.train(model, on: train, options: options, optimizer: Adam(learningRate: learningRate))
        return test.map { Classification.accuracy(model, on: $0) }
    }
}
