import LatentCore
import LatentData
import LatentNN

/// Training a classifier with cross-entropy: the one loop every classifier job shares (`train classifier`,
/// `transfer`, the benchmarks and the transfer protocol).
public enum ClassifierTraining {
    /// Trains `model` on `train` under `options` with `optimizer`, its checkpoints recording `metadata`; returns the
    /// report of every epoch of the run (a resumed run's earlier ones as its metrics log has them).
    @discardableResult
    public static func train(
        _ model: any Layer, on train: ImageDataset, validation: ImageDataset? = nil,
        options: TrainingOptions, optimizer: any Optimizer = Adam(),
        metadata: [String: String] = [:]
    ) throws -> [EpochReport] {
        let trainer = Trainer(model: model, optimizer: optimizer, options: options)
        trainer.checkpointMetadata = metadata
        try trainer.fit(train, validation: validation) {
            Loss.crossEntropy(logits: model($0.images), labels: $0.labels)
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
