import LatentCore
import LatentData
import LatentNN
import LatentStorage

extension Autoencoder {
    /// Trains with Adam under `options`, checkpoints and metrics included; returns the report of every epoch of the
    /// run (a resumed run's earlier ones as its metrics log has them).
    ///
    /// - Parameter checkpoint: a checkpoint of this run to continue from (`Trainer.resume`), when given.
    @discardableResult
    public func fit(_ train: ImageDataset, validation: ImageDataset? = nil, options: TrainingOptions,
                    optimizer: any Optimizer = Adam(), metadata: [String: String] = [:],
                    resumingFrom checkpoint: Checkpoint? = nil) throws -> [EpochReport] {
        let trainer = Trainer(model: model, optimizer: optimizer, options: options)
        trainer.checkpointMetadata = metadata
        if let checkpoint { try trainer.resume(from: checkpoint) }
        // The corruption draws from the trainer's generator, which checkpoints save.
        try trainer.fit(train, validation: validation) { batch, generator in loss(batch, using: &generator) }
        return trainer.history
    }
}
