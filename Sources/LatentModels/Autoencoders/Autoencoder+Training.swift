import LatentCore
import LatentData
import LatentNN

extension Autoencoder {
    /// Trains with Adam under `options`, checkpoints, metrics and resuming (`options.resumingFrom`) included; returns
    /// the report of every epoch of the run (a resumed run's earlier ones as its metrics log has them).
    @discardableResult
    public func fit(
        _ train: ImageDataset, validation: ImageDataset? = nil, options: TrainingOptions,
        optimizer: any Optimizer = Adam(), metadata: [String: String] = [:]
    ) throws -> [EpochReport] {
        let trainer = try makeTrainer(optimizer: optimizer, options: options)
        trainer.checkpointMetadata = metadata
        // The augmentation and the corruption draw from the trainer's generator, which checkpoints save.
        try trainer.fit(train, validation: validation) { batch, generator in loss(batch, using: &generator) }
        return trainer.history
    }
}
