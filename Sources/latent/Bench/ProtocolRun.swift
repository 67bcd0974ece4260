import ArgumentParser
import LatentCore
import LatentData

/// Options and data every protocol benchmark (P1-P6 of ../shared/PROTOCOLS.md) shares.
struct ProtocolOptions: ParsableArguments {
    @Option(
        help:
            "Directory holding Fashion-MNIST's four IDX files (default: $LATENT_DATA/fashion-mnist, else the Debian package, else ~/.cache/latent/fashion-mnist)."
    )
    var dataDir: String?

    @Option(parsing: .unconditional, help: "Override the protocol's number of epochs.")
    var epochs: Int?

    @Flag(help: "A small smoke run: a subset of the data and one epoch; its figures are not comparable.")
    var quick = false

    @Option(parsing: .unconditional, help: "Seed for initialisation, shuffling and sampling.")
    var seed: UInt64 = 0

    @Option(parsing: .unconditional, help: "Timed repetitions (the median is reported).")
    var repetitions = 3

    func validate() throws {
        if let epochs { try OptionChecks.require(epochs, in: 1...OptionChecks.largestCount, "--epochs") }
        try OptionChecks.require(repetitions, in: 1...OptionChecks.largestCount, "--repetitions")
    }

    /// The train and test splits, cut down to 6,000 and 1,000 images with --quick.
    func load() throws -> (train: ImageDataset, test: ImageDataset) {
        let dataset = KnownDataset.fashionMNIST
        let directory = dataset.directory(flag: dataDir)
        log("loading \(dataset.rawValue) from \(directory)")
        let (train, test) = (try dataset.load(.train, from: directory), try dataset.load(.test, from: directory))
        guard quick else { return (train, test) }
        return (try train.sampled(perClass: 600, seed: seed), try test.sampled(perClass: 100, seed: seed))
    }

    func epochs(default protocolEpochs: Int) -> Int { quick ? 1 : (epochs ?? protocolEpochs) }

    /// The fields every JSON line starts with.
    func commonFields(_ protocolName: String) -> [(String, Any)] {
        [
            ("protocol", protocolName), ("threads", BLAS.threads), ("blas", BLAS.configuration), ("seed", Int(seed)),
            ("dataset", quick ? "fashion-mnist (quick subset)" : "fashion-mnist"),
        ]
    }
}
