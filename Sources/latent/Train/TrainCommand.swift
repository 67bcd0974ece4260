import ArgumentParser
import LatentData
import LatentDistributed

/// `latent train ...`: train a model and keep its checkpoint and metrics under an output folder.
struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train", abstract: "Train a model.", subcommands: [TrainAutoencoder.self, TrainClassifier.self])
}

/// Options every training command shares.
struct TrainingArguments: ParsableArguments {
    @Option(parsing: .unconditional, help: "Epochs over the training set.")
    var epochs = 5

    @Option(parsing: .unconditional, help: "Mini-batch size.")
    var batchSize = 128

    @Option(parsing: .unconditional, help: "Adam's learning rate.")
    var learningRate: Float = 1e-3

    @Option(parsing: .unconditional, help: "Seed for initialisation and shuffling.")
    var seed: UInt64 = 0

    @Option(help: "Output folder for the checkpoint (model.h5) and metrics (metrics.jsonl).")
    var out: String = "runs/latest"

    @Flag(help: ArgumentHelp("Continue the run in --out from its checkpoint up to --epochs, appending to its metrics.jsonl.",
                             discussion: "Every other option must be as that run had it."))
    var resume = false

    func validate() throws {
        try OptionChecks.require(epochs, in: 1...OptionChecks.largestCount, "--epochs")
        try OptionChecks.require(batchSize, in: 1...OptionChecks.largestSize, "--batch-size")
        try OptionChecks.requirePositive(learningRate, "--learning-rate")
        try OptionChecks.requireWritableFolder(out, "--out")
        if let processes = Launcher.fromEnvironment?.size, batchSize % processes != 0 {
            throw ValidationError("--batch-size \(batchSize) is not divisible by the \(processes) processes of the mpirun "
                                  + "job; each process takes an equal share of every batch")
        }
    }

    /// Refuses, under mpirun, a train split too small to give every process a share (each rank refuses alike).
    func requireShares(of train: ImageDataset) throws {
        guard let processes = Launcher.fromEnvironment?.size, train.count < processes else { return }
        throw ValidationError("the \(train.count) train images are fewer than the \(processes) processes of the mpirun "
                              + "job; run fewer processes")
    }
}
