import LatentDistributed
import LatentNN

/// How `Trainer` runs: epochs, batches, seed, schedule, clipping, stopping, logging and checkpoints.
public struct TrainingOptions {
    public var epochs: Int
    public var batchSize: Int
    /// Seeds the shuffling (epoch e uses seed + e, so a resumed run sees the same batches).
    public var seed: UInt64
    /// Sets the optimizer's learning rate before every update, when given.
    public var schedule: LearningRateSchedule?
    /// Clips the global gradient norm to this value, when given.
    public var gradientClipNorm: Float?
    /// Stops after this many epochs without a better validation loss, when given.
    public var earlyStoppingPatience: Int?
    /// One JSON object per epoch goes to this file, when given: a fresh run starts it anew, a resumed one continues it.
    public var metricsLog: String?
    /// Saves the model and optimizer here after every epoch, when given.
    public var checkpointPath: String?
    /// Shows a progress bar on a terminal, or plain log lines otherwise.
    public var showsProgress: Bool
    /// A checkpoint of this run to continue from, when given: the trainer's first `fit` resumes from it
    /// (`Trainer.resume`), so that whoever builds the trainer (a pipeline, a command) needs nothing else.
    public var resumingFrom: Checkpoint?
    /// The `mpirun` job this run trains in, data-parallel (`Trainer+DataParallel`), when given: each process takes
    /// its share of every batch, and rank 0 alone writes the checkpoint, the metrics and the progress.
    public var job: Communicator?
    /// What the processes of `job` must agree on before the first step, besides the model's layout, which the trainer
    /// adds: the command line and the data, as the caller knows them (`Communicator.agree(on:)`).
    public var jobFacts = JobFacts()

    public init(
        epochs: Int, batchSize: Int = 128, seed: UInt64 = 0, schedule: LearningRateSchedule? = nil,
        gradientClipNorm: Float? = nil, earlyStoppingPatience: Int? = nil, metricsLog: String? = nil,
        checkpointPath: String? = nil, showsProgress: Bool = false, resumingFrom: Checkpoint? = nil,
        job: Communicator? = nil
    ) {
        self.epochs = epochs
        self.batchSize = batchSize
        self.seed = seed
        self.schedule = schedule
        self.gradientClipNorm = gradientClipNorm
        self.earlyStoppingPatience = earlyStoppingPatience
        self.metricsLog = metricsLog
        self.checkpointPath = checkpointPath
        self.showsProgress = showsProgress
        self.resumingFrom = resumingFrom
        self.job = job
    }

    func validate() throws {
        guard epochs >= 0 else { throw TrainingError.invalidOptions("epochs must not be negative, got \(epochs)") }
        guard batchSize > 0 else { throw TrainingError.invalidOptions("batch size must be positive, got \(batchSize)") }
        if let patience = earlyStoppingPatience, patience < 1 {
            throw TrainingError.invalidOptions("early-stopping patience must be at least 1, got \(patience)")
        }
    }
}
