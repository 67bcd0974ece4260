import LatentCore
import LatentData
import LatentNN

extension Autoencoder {
    /// Trains with Adam under `options`, checkpoints and metrics included; returns the epoch reports.
    @discardableResult
    public func fit(_ train: ImageDataset, validation: ImageDataset? = nil, options: TrainingOptions,
                    optimizer: any Optimizer = Adam(), metadata: [String: String] = [:]) throws -> [EpochReport] {
        let trainer = Trainer(model: model, optimizer: optimizer, options: options)
        trainer.checkpointMetadata = metadata
        var generator = SeededGenerator(seed: options.seed &+ 0x5EED)
        return try trainer.fit(train, validation: validation) { batch in loss(batch, using: &generator) }
    }
}
