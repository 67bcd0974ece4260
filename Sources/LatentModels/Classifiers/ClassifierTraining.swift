import LatentCore
import LatentData
import LatentNN

/// Training a classifier with cross-entropy: the one loop every classification experiment shares.
public enum ClassifierTraining {
    /// Trains `model` on `train` with Adam and returns its accuracy on `test`.
    @discardableResult
    public static func fit(_ model: any Layer, train: ImageDataset, test: ImageDataset? = nil, options: TrainingOptions,
                           learningRate: Float = 1e-3) throws -> Double? {
        let trainer = Trainer(model: model, optimizer: Adam(learningRate: learningRate), options: options)
        try trainer.fit(train) { Loss.crossEntropy(logits: model($0.images), labels: $0.labels) }
        return test.map { Classification.accuracy(model, on: $0) }
    }
}
