import ArgumentParser
import LatentCore
import LatentExperiments
import LatentModels

/// `latent demo`: the main job. A convolutional autoencoder against PCA on Fashion-MNIST, with pictures.
struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Train a convolutional autoencoder on Fashion-MNIST, compare it with PCA and write pictures.")

    @OptionGroup var data: DatasetOptions

    @Option(parsing: .unconditional, help: "Code size of both the autoencoder and PCA.")
    var code = 32

    @Option(parsing: .unconditional, help: "Training epochs.")
    var epochs = 3

    @Option(parsing: .unconditional, help: "Seed for initialisation and shuffling.")
    var seed: UInt64 = 0

    @Option(help: "Output folder.")
    var out = "runs/demo"

    func validate() throws {
        try OptionChecks.require(code, in: 1...OptionChecks.largestSize, "--code")
        try OptionChecks.require(epochs, in: 1...OptionChecks.largestCount, "--epochs")
        try OptionChecks.requireWritableFolder(out, "--out")
    }

    func run() throws {
        log("latent demo: \(BLAS.threads) BLAS threads, \(BLAS.configuration)")
        let (train, test) = try data.loadSplits()
        log("\(train.count) train and \(test.count) test images of \(data.dataset.rawValue) from \(data.location)")
        try data.requireCodeSize(code, "--code", train: train)
        var pipeline = AutoencoderPipeline(
            architecture: .conv, codeSize: code,
            training: TrainingOptions(
                epochs: epochs, batchSize: 128, seed: seed, showsProgress: true))
        // The first sneaker, sandal and bag of the test set.
        pipeline.queries = AutoencoderPipeline.NeighbourQuery.firstOfEachClass(["Sneaker", "Sandal", "Bag"], in: test)
        let result = try pipeline.run(train: train, test: test, output: out, log: log)
        print(result.table)
        print("pictures and checkpoints in \(out)/: \(result.files.joined(separator: ", "))")
    }
}
