import ArgumentParser

/// `latent bench ...`: the benchmarks of ../shared/PROTOCOLS.md and of the engine's kernels.
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a benchmark; figures go to standard output as JSON lines, progress to standard error.",
        subcommands: [
            OpsBenchmark.self, PCABenchmark.self, KNNBenchmark.self, DenseAutoencoderBenchmark.self,
            ConvolutionalAutoencoderBenchmark.self, ClassifierBenchmark.self, TransferBenchmark.self,
            TrainingStepsBenchmark.self, SearchBenchmark.self, ResNetBenchmark.self, ANNBenchmark.self,
            PhotoAutoencoderBenchmark.self,
        ])
}
