import ArgumentParser
import LatentCore

@main
struct Latent: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Train and study autoencoders and deep features.",
        version: "0.1.0",
        subcommands: [Info.self, DataCommand.self, TrainCommand.self, PCACommand.self, Retrieve.self, Inspect.self, Bench.self])
}
