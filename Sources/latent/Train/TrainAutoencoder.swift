import ArgumentParser
import Foundation
import LatentData
import LatentExperiments
import LatentModels

/// `latent train ae`: train an autoencoder and write its checkpoint, encoder, metrics and pictures.
struct TrainAutoencoder: ParsableCommand, DistributedCommand {
    static let configuration = CommandConfiguration(
        commandName: "ae", abstract: "Train an autoencoder (dense, deep, conv, variational; optionally denoising or sparse).")

    @Option(help: "Architecture: \(AutoencoderArchitecture.allCases.map(\.rawValue).joined(separator: ", ")).")
    var arch: AutoencoderArchitecture = .dense

    @Option(parsing: .unconditional, help: "Code size.")
    var code = 32

    @Option(help: "Denoising: corrupt inputs with gaussian:STD or mask:FRACTION.")
    var denoise: String?

    @Option(parsing: .unconditional, help: "Sparse: weight of the L1 penalty on the code.")
    var sparsity: Float = 0

    @OptionGroup var data: DatasetOptions
    @OptionGroup var training: TrainingArguments

    func validate() throws {
        try OptionChecks.require(code, in: 1...OptionChecks.largestSize, "--code")
        try OptionChecks.requireNonNegative(sparsity, "--sparsity")
        _ = try corruption()
    }

    func corruption() throws -> Corruption? {
        guard let denoise else { return nil }
        do { return try Corruption(parsing: denoise) } catch { throw ValidationError("--denoise: \(error)") }
    }

    func run() throws {
        let resumed = try training.resumedCheckpoint(of: .autoencoder, for: "train ae")
        let (train, test) = try data.loadSplits()
        try training.requireShares(of: train)
        try OptionChecks.require(code, atMost: min(train.pixelsPerImage, train.count), "--code",
                                 "the \(train.pixelsPerImage) pixels of an image or the \(train.count) train images")
        var pipeline = AutoencoderPipeline(architecture: arch, codeSize: code,
                                           training: training.options(resuming: resumed))
        pipeline.learningRate = training.learningRate
        pipeline.corruption = try corruption()
        pipeline.sparsityWeight = sparsity
        pipeline.metadata = training.metadata.merging([
            "task": "autoencoder", "dataset": data.dataset.rawValue, "denoise": denoise ?? "none",
            "sparsity": String(sparsity),
        ]) { $1 }
        pipeline.queries = [.init(index: 0, file: "neighbours.png")]
        if let job = DistributedRun.job, !job.isRoot { return try pipeline.trainAlongside(train: train, test: test) }
        let result = try pipeline.run(train: train, test: test, output: training.out, log: log)
        print(result.table)
        print("test reconstruction MSE \(String(format: "%.5f", result.trained.testMSE)) "
              + "(PCA-\(code): \(String(format: "%.5f", result.pca.testMSE)))")
        print("wrote \(training.out)/model.h5, encoder.h5, metrics.jsonl and pictures")
    }
}

extension AutoencoderArchitecture: ExpressibleByArgument {}
