import ArgumentParser
import LatentData

/// `latent data describe`: counts per class and pixel statistics of both splits.
struct Describe: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Print counts per class and pixel statistics.")

    @Argument(help: "Dataset (the same as --dataset).")
    var name: DatasetChoice?

    @OptionGroup var options: DatasetOptions

    /// The options with the dataset named by the argument, when given, in place of --dataset.
    private var data: DatasetOptions {
        var data = options
        if let name { data.dataset = name }
        return data
    }

    /// A dataset given as the argument is checked as --dataset would be.
    func validate() throws { try data.validate() }

    func run() throws {
        var datasets: [ImageDataset] = []
        let seconds = try secondsTaken {
            let splits = try data.loadSplits()
            datasets = [splits.train, splits.test]
        }
        for dataset in datasets { print(LabelSummary(dataset), terminator: "\n\n") }
        print(
            "read \(datasets.map(\.count).reduce(0, +)) images from \(data.location) in \(String(format: "%.3f", seconds)) s"
        )
    }
}
