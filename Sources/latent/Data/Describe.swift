import ArgumentParser
import LatentData

/// `latent data describe`: counts per class and pixel statistics of both splits.
struct Describe: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Print counts per class and pixel statistics.")

    @OptionGroup var data: DatasetOptions

    func run() throws {
        var datasets: [ImageDataset] = []
        let seconds = try secondsTaken {
            datasets = [try data.load(.train), try data.load(.test)]
        }
        for dataset in datasets { print(LabelSummary(dataset), terminator: "\n\n") }
        print("read \(datasets.map(\.count).reduce(0, +)) images from \(data.directory) in \(String(format: "%.3f", seconds)) s")
    }
}
