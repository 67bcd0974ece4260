import ArgumentParser
import Foundation
import LatentData

/// `latent data export fashion-mnist --split test --per-class 100 --out queries/`: a dataset's images as PNG files
/// in class folders, the folder `latent data import` reads.
struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a dataset's images as PNG files, one sub-folder per class (what `data import` reads).",
        discussion: "Files are named SPLIT-ROW.png after the image's row in its split, so a file can be traced back to "
            + "the dataset. The folder must be new or empty; it appears only once every file is written.")

    @Argument(help: "Dataset (the same as --dataset).")
    var name: DatasetChoice?

    @OptionGroup var options: DatasetOptions

    @Option(help: "The split to write: train or test.")
    var split: KnownDataset.Split = .train

    @Option(
        parsing: .unconditional,
        help: "Write the first N images of each class in the split's order (default: every image).")
    var perClass: Int?

    @Option(help: "The folder to write into (new or empty).")
    var out: String

    /// The options with the dataset named by the argument, when given, in place of --dataset.
    private var data: DatasetOptions {
        var data = options
        if let name { data.dataset = name }
        return data
    }

    func validate() throws {
        try data.validate()
        if let perClass { try OptionChecks.require(perClass, in: 1...OptionChecks.largestCount, "--per-class") }
        try OptionChecks.requireWritableFolder(out, "--out")
        do {
            try ImageFolderExport.checkDestination(out)
        } catch {
            throw ValidationError("--out \(error)")
        }
    }

    func run() throws {
        let dataset = try data.load(split)
        let export = ImageFolderExport(dataset, perClass: perClass, prefix: split.rawValue)
        let summary = try export.run(into: out)
        let counts = zip(dataset.classNames, summary.perClass).filter { $0.1 > 0 }
            .map { "\(ImageFolderExport.folderName(of: $0.0)) \($0.1)" }.joined(separator: ", ")
        print(
            "wrote \(summary.written) PNG files (\(dataset.shapeDescription)) of the \(split.rawValue) split of "
                + "\(data.dataset.rawValue) into \(out)" + (counts.isEmpty ? "" : ": \(counts)"))
    }
}

extension KnownDataset.Split: ExpressibleByArgument {}
