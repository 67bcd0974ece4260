import ArgumentParser
import LatentData

/// `latent data describe`: counts per class and pixel statistics of both splits.
struct Describe: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Print counts per class and pixel statistics.")

    @Argument(help: "Dataset (the same as --dataset).")
    var name: KnownDataset?

    @OptionGroup var options: DatasetOptions

    func run() throws {
        var data = options
        if let name { data.dataset = name }
        var datasets: [ImageDataset] = []
        let seconds = try secondsTaken {
            datasets = [try data.load(.train), try data.load(.test)]
        }
        for dataset in datasets { print(LabelSummary(dataset), terminator: "\n\n") }
        print("read \(datasets.map(\.count).reduce(0, +)) images from \(data.directory) in \(String(format: "%.3f", seconds)) s")
    }
}
