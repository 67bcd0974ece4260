import ArgumentParser
import Foundation
import LatentCore
import LatentModels
import LatentStorage

/// `latent compare`: PCA beside autoencoders at the same code sizes, in one table.
struct Compare: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compare PCA with autoencoders at the same code sizes: reconstruction, retrieval, time.",
        discussion: "Trains the --arch autoencoders at each code size, and measures any trained --models checkpoints as they are.")

    @OptionGroup var data: DatasetOptions

    @Option(help: "Code sizes, comma-separated.")
    var codes = "16,32,64"

    @Option(help: "Autoencoders to train at each code size, comma-separated (\(AutoencoderArchitecture.allCases.map(\.rawValue).joined(separator: ", "))); empty for none.")
    var arch = "dense,conv"

    @Option(help: "Trained autoencoder checkpoints to measure too, comma-separated.")
    var models = ""

    @Option(parsing: .unconditional, help: "Epochs for each autoencoder trained here.")
    var epochs = 10

    @Option(parsing: .unconditional, help: "Seed for initialisation and shuffling.")
    var seed: UInt64 = 0

    @Option(help: "Also write the table (Markdown) here.")
    var out: String?

    func validate() throws {
        _ = try architectures()
        _ = try OptionChecks.integers(codes, "--codes", in: 1...OptionChecks.largestSize, distinct: true)
        try OptionChecks.require(epochs, in: 1...OptionChecks.largestCount, "--epochs")
        for path in OptionChecks.names(models) { try OptionChecks.requireReadableFile(path, "--models") }
        if let out { try OptionChecks.requireWritableFile(out, "--out") }
    }

    private func architectures() throws -> [AutoencoderArchitecture] {
        try OptionChecks.names(arch).map { name in
            guard let architecture = AutoencoderArchitecture(rawValue: name) else {
                throw ValidationError("--arch: unknown autoencoder \(name) (known: \(AutoencoderArchitecture.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            return architecture
        }
    }

    func run() throws {
        let (train, test) = try data.loadSplits()
        let sizes = try OptionChecks.integers(codes, "--codes", in: 1...OptionChecks.largestSize, distinct: true)
        for size in sizes {
            try OptionChecks.require(size, atMost: train.pixelsPerImage, "--codes", "the \(train.pixelsPerImage) pixels of an image")
            try OptionChecks.require(size, atMost: train.count, "--codes", "the \(train.count) train images")
        }
        let architectures = try architectures()
        for architecture in architectures {  // an image shape an architecture cannot take stops here, before any training
            for size in sizes {
                _ = try architecture.spec(codeSize: size, channels: train.channels, height: train.height, width: train.width)
            }
        }
        let trained = try OptionChecks.names(models).map { path in
            (path, try Autoencoder(try TrainedModel.load(path, "--models", as: [.autoencoder], for: "compare",
                                                         channels: train.channels, height: train.height, width: train.width)))
        }
        var rows: [CodeComparison] = []
        for size in sizes {
            log("PCA-\(size)")
            rows.append(try .pca(codeSize: size, train: train, test: test))
            for architecture in architectures {
                log("\(architecture.rawValue) autoencoder, code \(size), \(epochs) epochs")
                var generator = SeededGenerator(seed: seed)
                let autoencoder = try Autoencoder(try architecture.spec(codeSize: size, channels: train.channels,
                                                                                 height: train.height, width: train.width)
                    .build(using: &generator))
                let reports = try autoencoder.fit(train, options: TrainingOptions(epochs: epochs, seed: seed, showsProgress: true))
                rows.append(try .autoencoder(autoencoder, name: "\(architecture.rawValue) AE", trainingSeconds: reports.map(\.seconds).reduce(0, +),
                                             train: train, test: test))
            }
        }
        for (path, autoencoder) in trained {
            rows.append(try .autoencoder(autoencoder, name: path, trainingSeconds: .nan, train: train, test: test))
        }
        let table = CodeComparison.table(rows)
        print(table)
        if let out {
            try createParentFolder(of: out)
            try AtomicFile.write(table + "\n", to: out)
        }
    }
}
