import LatentData
import LatentNN

/// How a job trains, whichever front end asked: epochs, batches and seed, and Adam's learning rate, its schedule and
/// weight decay. The training flags (`--epochs`, `--weight-decay`, ...) and an experiment file's `training` keys both
/// decode into it.
public struct TrainingSettings: Sendable, Equatable {
    /// How the learning rate moves after the warm-up.
    public enum Schedule: String, CaseIterable, Sendable {
        case constant
        /// Annealed to zero by the last update.
        case cosine
    }

    public var epochs: Int
    public var batchSize: Int
    /// Seeds the initialisation and the shuffling.
    public var seed: UInt64
    /// Adam's learning rate, the peak of a schedule.
    public var learningRate: Float
    public var schedule: Schedule
    /// Epochs of linear warm-up from zero to the learning rate, before the schedule.
    public var warmupEpochs: Int
    /// Decoupled weight decay (AdamW); 0 is plain Adam.
    public var weightDecay: Float
    /// Random edits of the training images (`--augment`, `training.augment`): a classifier learns from augmented
    /// images and is measured on clean ones; an autoencoder rebuilds the clean image from an augmented view.
    public var augmentation: Augmentation?

    public init(
        epochs: Int = 10, batchSize: Int = 128, seed: UInt64 = 0, learningRate: Float = 1e-3,
        schedule: Schedule = .constant, warmupEpochs: Int = 0, weightDecay: Float = 0,
        augmentation: Augmentation? = nil
    ) {
        self.epochs = epochs
        self.batchSize = batchSize
        self.seed = seed
        self.learningRate = learningRate
        self.schedule = schedule
        self.warmupEpochs = warmupEpochs
        self.weightDecay = weightDecay
        self.augmentation = augmentation
    }

    /// The learning rate per update for `stepsPerEpoch` updates an epoch; `nil` when it stays constant.
    public func learningRateSchedule(stepsPerEpoch: Int) -> LearningRateSchedule? {
        let warmup = warmupEpochs * stepsPerEpoch
        let after: LearningRateSchedule =
            schedule == .cosine
            ? .cosine(rate: learningRate, totalSteps: epochs * stepsPerEpoch - warmup) : .constant(learningRate)
        if warmup == 0 { return schedule == .cosine ? after : nil }
        return .warmup(steps: warmup, then: after)
    }

    /// A fresh optimizer for these settings: Adam, AdamW when there is weight decay.
    public func optimizer() -> Adam {
        Adam(learningRate: learningRate, weightDecay: weightDecay, decoupledWeightDecay: weightDecay > 0)
    }

    /// How the `Trainer` runs these settings on `trainCount` images, the schedule counted in their batches; the
    /// caller adds the files, the progress and the job.
    public func options(trainCount: Int) -> TrainingOptions {
        TrainingOptions(
            epochs: epochs, batchSize: batchSize, seed: seed,
            schedule: learningRateSchedule(stepsPerEpoch: (trainCount + batchSize - 1) / max(batchSize, 1)))
    }

    /// `options` with these settings' epochs, batch size, seed and schedule on `trainCount` images; its files,
    /// progress and job kept.
    ///
    /// - Parameters:
    ///   - options: the caller's options.
    ///   - trainCount: the number of train images the schedule counts batches of.
    public func applied(to options: TrainingOptions, trainCount: Int) -> TrainingOptions {
        var options = options
        let scheduled = self.options(trainCount: trainCount)
        (options.epochs, options.batchSize, options.seed, options.schedule) =
            (scheduled.epochs, scheduled.batchSize, scheduled.seed, scheduled.schedule)
        return options
    }

    /// What a checkpoint records of these settings besides the seed and batch size (which the trainer records); a
    /// resumed run must ask for the same. The schedule, weight decay and augmentation only when they are not the
    /// defaults, so that a checkpoint written before they were recorded still resumes.
    public var metadata: [String: String] {
        var recorded = ["learning_rate": String(learningRate)]
        if schedule != .constant { recorded["schedule"] = schedule.rawValue }
        if warmupEpochs > 0 { recorded["warmup_epochs"] = String(warmupEpochs) }
        if weightDecay > 0 { recorded["weight_decay"] = String(weightDecay) }
        if let augmentation { recorded["augment"] = augmentation.description }
        return recorded
    }

    /// The keys `metadata` leaves out at their defaults, which `Trainer.resume` must find in both runs or in neither.
    package static let metadataKeysLeftOutAtDefault = [
        "schedule", "warmup_epochs", "weight_decay", "augment", "beta", "importance_samples", "binarise",
    ]
}
