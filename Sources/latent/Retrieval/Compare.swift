import ArgumentParser
import Foundation
import LatentCore
import LatentExperiments
import LatentModels

/// `latent compare`: PCA beside autoencoders at the same code sizes, in one table.
struct Compare: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compare PCA with autoencoders at the same code sizes: reconstruction, retrieval, time.",
        discussion:
            "Trains the --arch autoencoders at each code size, and measures any trained --models checkpoints as they are."
    )

    @OptionGroup var data: DatasetOptions

    @Option(help: "Code sizes, comma-separated.")
    var codes = "16,32,64"

    @Option(
        help:
            "Autoencoders to train at each code size, comma-separated (\(AutoencoderArchitecture.allCases.map(\.rawValue).joined(separator: ", "))); empty for none."
    )
    var arch = "dense,conv"

    @Option(help: "Trained autoencoder checkpoints to measure too, comma-separated.")
    var models = ""

    @Option(parsing: .unconditional, help: "Epochs for each autoencoder trained here.")
    var epochs = 10

    @Option(parsing: .unconditional, help: "Seed for initialisation and shuffling.")
    var seed: UInt64 = 0

    @Option(help: "Also write the table (Markdown) here.")
    var out: String?

    @Flag(help: OutputRule.forceHelp)
    var force = false

    func validate() throws {
        _ = try architectures()
        _ = try OptionChecks.integers(codes, "--codes", in: 1...OptionChecks.largestSize, distinct: true)
        try OptionChecks.require(epochs, in: 1...OptionChecks.largestCount, "--epochs")
        for path in OptionChecks.names(models) { try OptionChecks.requireReadableFile(path, "--models") }
        if let out {
            try OptionChecks.requireWritableFile(out, "--out")
            let read = OptionChecks.names(models).map { (option: "--models", path: Optional($0)) }
            try OutputRule(inputs: read + data.inputFiles, force: force).check(
                out, "--out", writes: .other, named: "a Markdown table")
        }
    }

    private func architectures() throws -> [AutoencoderArchitecture] {
        try OptionChecks.names(arch).map { name in
            guard let architecture = AutoencoderArchitecture(rawValue: name) else {
                throw ValidationError(
                    "--arch: unknown autoencoder \(name) (known: \(AutoencoderArchitecture.allCases.map(\.rawValue).joined(separator: ", ")))"
                )
            }
            return architecture
        }
    }

    func run() throws {
        let (train, test) = try data.loadSplits()
        let sizes = try OptionChecks.integers(codes, "--codes", in: 1...OptionChecks.largestSize, distinct: true)
        for size in sizes { try data.requireCodeSize(size, "--codes", train: train) }
        let trained = try OptionChecks.names(models).map { path in
            (
                name: path,
                autoencoder: try Autoencoder(
                    try TrainedModel.load(
                        path, "--models", as: [.autoencoder], for: "compare",
                        channels: train.channels, height: train.height, width: train.width))
            )
        }
        var pipeline = ComparisonPipeline(
            codeSizes: sizes, architectures: try architectures(),
            training: TrainingOptions(epochs: epochs, seed: seed, showsProgress: true))
        pipeline.trained = trained
        let table = try pipeline.run(train: train, test: test, log: log).table
        print(table)
        if let out {
            try createParentFolder(of: out)
            try AtomicFile.write(table + "\n", to: out)
        }
    }
}
