import ArgumentParser
import LatentCore

@main
struct Latent: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Train and study autoencoders and deep features.",
        version: "0.1.0",
        subcommands: [
            Info.self, Demo.self, Run.self, DataCommand.self, ImportCommand.self, TrainCommand.self, Predict.self,
            Features.self,
            Transfer.self, PCACommand.self, Encode.self, Retrieve.self, Compare.self, Inspect.self, Bench.self,
            IndexCommand.self, SearchImages.self, Duplicates.self, Serve.self,
        ])

    /// ArgumentParser's own entry point, with Foundation's errors made readable before they are printed, and
    /// standard streams that cannot be written costing only the lines that go to them (see `Console`).
    static func main() async {
        Console.prepare()
        do {
            var command = try parseAsRoot()
            try DistributedRun.check(command)
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
            Console.finish()
        } catch {
            DistributedRun.exit(withError: FoundationErrors.readable(error))
        }
    }
}
