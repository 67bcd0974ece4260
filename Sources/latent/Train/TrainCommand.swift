import ArgumentParser

/// `latent train ...`: train a model and keep its checkpoint and metrics under an output folder.
struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train", abstract: "Train a model.", subcommands: [TrainAutoencoder.self, TrainClassifier.self])
}

/// Options every training command shares.
struct TrainingArguments: ParsableArguments {
    @Option(help: "Epochs over the training set.")
    var epochs = 5

    @Option(help: "Mini-batch size.")
    var batchSize = 128

    @Option(help: "Adam's learning rate.")
    var learningRate: Float = 1e-3

    @Option(help: "Seed for initialisation and shuffling.")
    var seed: UInt64 = 0

    @Option(help: "Output folder for the checkpoint (model.h5) and metrics (metrics.jsonl).")
    var out: String = "runs/latest"

    func validate() throws {
        guard epochs >= 1 else { throw ValidationError("--epochs must be at least 1, got \(epochs)") }
        guard batchSize >= 1 else { throw ValidationError("--batch-size must be at least 1, got \(batchSize)") }
        guard learningRate > 0, learningRate.isFinite else { throw ValidationError("--learning-rate must be positive, got \(learningRate)") }
    }
}
