import ArgumentParser
import LatentData

/// `latent data ...`: get and describe datasets.
struct DataCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "data", abstract: "Fetch or describe a dataset.", subcommands: [Fetch.self, Describe.self, Import.self])
}

extension KnownDataset: ExpressibleByArgument {}

/// The dataset options every command that reads images shares.
struct DatasetOptions: ParsableArguments {
    @Option(help: "Dataset: \(KnownDataset.allCases.map(\.rawValue).joined(separator: ", ")).")
    var dataset: KnownDataset = .fashionMNIST

    @Option(help: "Directory holding the four IDX files (default: $LATENT_DATA/NAME, else the Debian location).")
    var dataDir: String?

    var directory: String { dataset.directory(flag: dataDir) }

    /// A --data-dir that is missing, not a directory or unreadable is refused before any command starts its work.
    func validate() throws {
        guard let dataDir else { return }
        do {
            try KnownDataset.checkDirectory(dataDir)
        } catch {
            throw ValidationError("--data-dir \(error)")
        }
    }

    func load(_ split: KnownDataset.Split) throws -> ImageDataset {
        try dataset.load(split, from: directory)
    }
}
