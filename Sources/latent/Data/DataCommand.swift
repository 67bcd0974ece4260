import ArgumentParser
import Foundation
import LatentData

/// `latent data ...`: get and describe datasets.
struct DataCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "data", abstract: "Fetch, describe, import or export a dataset.",
        subcommands: [Fetch.self, Describe.self, Import.self, Export.self])
}

extension KnownDataset: ExpressibleByArgument {}

/// The dataset options every command that reads images shares.
struct DatasetOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Dataset: \(KnownDataset.allCases.map(\.rawValue).joined(separator: ", ")), or an .h5 file from `latent data import`.",
            discussion:
                "An imported file is one set of images: every \(ImageDataset.importedTestEvery)th (in the file's "
                + "order, so a fifth of each class) is held out as the test split, the rest are the train split."))
    var dataset: DatasetChoice = .builtIn(.fashionMNIST)

    @Option(
        help:
            "Directory holding a built-in dataset's four IDX files (default: $LATENT_DATA/NAME, else the Debian package, else ~/.cache/latent/NAME)."
    )
    var dataDir: String?

    /// Where the images are read from: a built-in dataset's directory, or the imported file.
    var location: String {
        switch dataset {
        case .builtIn(let known): return known.directory(flag: dataDir)
        case .imported(let path): return path
        }
    }

    /// A --dataset file or --data-dir that is missing, or the wrong kind of path, is refused before any command
    /// starts its work; the file's contents are checked when it is read.
    func validate() throws {
        switch dataset {
        case .imported(let path):
            let names = KnownDataset.allCases.map(\.rawValue).joined(separator: ", ")
            guard !path.isEmpty else { throw ValidationError("--dataset needs a built-in name (\(names)) or a file") }
            guard dataDir == nil else {
                throw ValidationError("--data-dir is for the built-in datasets (\(names)); --dataset \(path) is a file")
            }
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
                throw ValidationError(
                    "--dataset \(path): no such file, and not a built-in dataset (\(names)); "
                        + "make one with `latent data import FOLDER --out \(path)`")
            }
            guard !isFolder.boolValue else {
                throw ValidationError(
                    "--dataset \(path) is a directory; give the .h5 file `latent data import` wrote "
                        + "(or --data-dir for the folder of a built-in dataset)")
            }
        case .builtIn:
            guard let dataDir else { return }
            do {
                try KnownDataset.checkDirectory(dataDir)
            } catch {
                throw ValidationError("--data-dir \(error)")
            }
        }
    }

    func load(_ split: KnownDataset.Split) throws -> ImageDataset {
        switch dataset {
        case .builtIn(let known):
            return try known.load(split, from: location)
        case .imported(let path):
            let splits = try ImageDataset.importedSplits(from: path)
            return split == .train ? splits.train : splits.test
        }
    }
}
