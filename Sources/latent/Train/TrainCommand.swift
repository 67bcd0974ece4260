import ArgumentParser
import LatentCore
import LatentData
import LatentDistributed
import LatentModels

/// `latent train ...`: train a model and keep its checkpoint and metrics under an output folder.
struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train", abstract: "Train a model.",
        subcommands: [TrainAutoencoder.self, TrainClassifier.self, TrainSelfSupervised.self])
}

/// Options every training command shares.
struct TrainingArguments: ParsableArguments {
    @Option(parsing: .unconditional, help: "Epochs over the training set.")
    var epochs = 5

    @Option(parsing: .unconditional, help: "Mini-batch size.")
    var batchSize = 128

    @Option(parsing: .unconditional, help: "Adam's learning rate, the peak of a schedule.")
    var learningRate: Float = 1e-3

    @Option(help: "How the learning rate moves after the warm-up: constant, or cosine (to zero by the last update).")
    var schedule: TrainingSettings.Schedule = .constant

    @Option(parsing: .unconditional, help: "Epochs of linear warm-up from 0 to the learning rate, then the schedule.")
    var warmupEpochs = 0

    @Option(parsing: .unconditional, help: "Decoupled weight decay (AdamW); 0 is plain Adam.")
    var weightDecay: Float = 0

    @Option(
        help: ArgumentHelp(
            "Random edits of the training images, e.g. crop:0.5,flip,jitter:0.4,grey:0.2,blur:1.5,jpeg:40.",
            discussion: "A classifier learns from augmented images and is measured on clean ones; an autoencoder "
                + "rebuilds the clean image from an augmented view (with --denoise, the noise goes on the view); "
                + "self-supervised training (train ssl) makes its two views of each image with it."))
    var augment: String?

    @Option(parsing: .unconditional, help: "Seed for initialisation and shuffling.")
    var seed: UInt64 = 0

    @Option(help: "Output folder for the checkpoint (model.h5) and metrics (metrics.jsonl).")
    var out: String = "runs/latest"

    @Flag(
        help: ArgumentHelp(
            "Continue the run in --out from its checkpoint up to --epochs, appending to its metrics.jsonl.",
            discussion: "Every other option must be as that run had it."))
    var resume = false

    @Flag(help: "Start afresh in an --out folder that holds another run's checkpoint, replacing it.")
    var force = false

    func validate() throws {
        try OptionChecks.require(epochs, in: 1...OptionChecks.largestCount, "--epochs")
        try OptionChecks.require(batchSize, in: 1...OptionChecks.largestSize, "--batch-size")
        try OptionChecks.requirePositive(learningRate, "--learning-rate")
        try OptionChecks.require(warmupEpochs, in: 0...OptionChecks.largestCount, "--warmup-epochs")
        try OptionChecks.requireNonNegative(weightDecay, "--weight-decay")
        try OptionChecks.requireWritableFolder(out, "--out")
        try OutputRule(inputs: [], force: force).checkRunFolder(out, checkpoint: checkpointPath, resume: resume)
        if let augment {
            do { _ = try Augmentation(parsing: augment) } catch { throw ValidationError("--augment: \(error)") }
        }
        try OptionChecks.refusing { () throws(LatentError) in
            try settings.check(names: .commandLine(TrainingSettings.names))
            if let processes = Launcher.fromEnvironment?.size {
                try settings.checkShares(processes: processes, names: .commandLine(TrainingSettings.names))
            }
        }
    }

    /// The settings these flags ask for; `validate` has already refused an augmentation spec that does not parse.
    var settings: TrainingSettings {
        TrainingSettings(
            epochs: epochs, batchSize: batchSize, seed: seed, learningRate: learningRate,
            schedule: schedule, warmupEpochs: warmupEpochs, weightDecay: weightDecay,
            augmentation: augment.flatMap { try? Augmentation(parsing: $0) })
    }

    /// Refuses, under mpirun, a train split too small to give every process a share (each rank refuses alike).
    func requireShares(of train: ImageDataset) throws {
        guard let processes = Launcher.fromEnvironment?.size else { return }
        try OptionChecks.refusing { () throws(LatentError) in
            try settings.checkShares(
                processes: processes, trainCount: train.count,
                names: .commandLine(TrainingSettings.names))
        }
    }
}

extension TrainingSettings.Schedule: ExpressibleByArgument {}
