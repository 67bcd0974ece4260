import LatentCore
import LatentData
import LatentNN

/// Training an encoder without labels: every step augments each image of the batch twice, passes both views through
/// the encoder and its projection head as one batch of 2N, and takes the method's loss between the two halves.
public enum SelfSupervisedTraining {
    /// Trains `model` (from `SelfSupervisedSettings.build(for:)`) on `train`'s images, ignoring their labels, under
    /// `options` with the settings' optimizer; checkpoints record the settings and `metadata`. Returns the report of
    /// every epoch of the run (a resumed run's earlier ones as its metrics log has them).
    ///
    /// The views draw from the trainer's loss generator, seeded from `options.seed` and saved in checkpoints, so a
    /// run repeats exactly and a resumed one draws what the whole run would have.
    /// - Parameters:
    ///   - model: the encoder, its output the projections.
    ///   - train: the images; labels are not read.
    ///   - settings: the method, augmentation and loss settings, and the optimizer's.
    ///   - options: epochs, batches, seed, schedule, files and progress.
    ///   - metadata: recorded in the checkpoint beside the settings (the dataset, for one).
    @discardableResult
    public static func train(
        _ model: any Layer, on train: ImageDataset, settings: SelfSupervisedSettings, options: TrainingOptions,
        metadata: [String: String] = [:]
    ) throws -> [EpochReport] {
        let trainer = Trainer(model: model, optimizer: settings.training.optimizer(), options: options)
        trainer.checkpointMetadata = settings.metadata.merging(["input_shape": train.shapeDescription]) { $1 }
            .merging(metadata) { $1 }
        // A last batch of one image gives NT-Xent no negatives and VICReg no spread to measure: one image sits out.
        let images =
            train.count % options.batchSize == 1 && train.count > 1
            ? train.selecting(Array(0..<(train.count - 1))) : train
        try trainer.fit(images) { batch, generator in
            let first = settings.augmentation.views(of: batch, using: &generator)
            let second = settings.augmentation.views(of: batch, using: &generator)
            // Both views in one batch: batch normalisation sees 2N images, as in SimCLR.
            let projections = model(Tensor.concatenate([first, second], axis: 0))
            let n = batch.images.shape[0]
            return settings.method.loss(
                projections.rows(0..<n), projections.rows(n..<(2 * n)), temperature: settings.temperature)
        }
        return trainer.history
    }
}
