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

    @Option(help: "Epochs for each autoencoder trained here.")
    var epochs = 10

    @Option(help: "Seed for initialisation and shuffling.")
    var seed: UInt64 = 0

    @Option(help: "Also write the table (Markdown) here.")
    var out: String?

    func run() throws {
        let sizes = try codes.split(separator: ",").map { text -> Int in
            guard let size = Int(text.trimmingCharacters(in: .whitespaces)), size > 0 else {
                throw ValidationError("--codes takes positive integers separated by commas, got \(codes)")
            }
            return size
        }
        let architectures = try arch.split(separator: ",").map { name -> AutoencoderArchitecture in
            guard let architecture = AutoencoderArchitecture(rawValue: String(name)) else {
                throw ValidationError("--arch: unknown autoencoder \(name) (known: \(AutoencoderArchitecture.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            return architecture
        }
        let (train, test) = (try data.load(.train), try data.load(.test))
        var rows: [CodeComparison] = []
        for size in sizes {
            log("PCA-\(size)")
            rows.append(try .pca(codeSize: size, train: train, test: test))
            for architecture in architectures {
                log("\(architecture.rawValue) autoencoder, code \(size), \(epochs) epochs")
                var generator = SeededGenerator(seed: seed)
                let autoencoder = try Autoencoder(try architecture.spec(codeSize: size, height: train.height, width: train.width)
                    .build(using: &generator))
                let reports = try autoencoder.fit(train, options: TrainingOptions(epochs: epochs, seed: seed, showsProgress: true))
                rows.append(try .autoencoder(autoencoder, name: "\(architecture.rawValue) AE", trainingSeconds: reports.map(\.seconds).reduce(0, +),
                                             train: train, test: test))
            }
        }
        for path in models.split(separator: ",").map(String.init) {
            let checkpoint = try Checkpoint.load(from: path)
            let autoencoder = try Autoencoder(try checkpoint.buildModel())
            rows.append(try .autoencoder(autoencoder, name: checkpoint.metadata["architecture"].map { "\($0) AE (\(path))" } ?? path,
                                         trainingSeconds: .nan, train: train, test: test))
        }
        let table = CodeComparison.table(rows)
        print(table)
        if let out { try (table + "\n").write(toFile: out, atomically: true, encoding: .utf8) }
    }
}
