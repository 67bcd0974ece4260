import LatentCore
import LatentData
import LatentModels
import LatentNN

/// PCA beside autoencoders at several code sizes, each measured on the test split, in one table: the loop that
/// `latent compare` and comparison experiments run.
public struct ComparisonPipeline {
    public var codeSizes: [Int]
    /// Trained at each code size, each from the same seed.
    public var architectures: [AutoencoderArchitecture]
    /// Epochs, batch size and seed of every autoencoder trained here; no checkpoint or log is written.
    public var training: TrainingOptions
    public var learningRate: Float = 1e-3
    /// Autoencoders trained elsewhere, measured as they are under their names, after the rest.
    public var trained: [(name: String, autoencoder: Autoencoder)] = []

    public init(codeSizes: [Int], architectures: [AutoencoderArchitecture], training: TrainingOptions) {
        self.codeSizes = codeSizes
        self.architectures = architectures
        self.training = training
    }

    /// What the comparison measured.
    public struct Result {
        /// For each code size in order: PCA, then each architecture's autoencoder in order.
        public let sizes: [(pca: CodeComparison, autoencoders: [CodeComparison])]
        /// The autoencoders trained elsewhere.
        public let trained: [CodeComparison]

        public var rows: [CodeComparison] { sizes.flatMap { [$0.pca] + $0.autoencoders } + trained }
        /// Every row, as a Markdown table.
        public var table: String { CodeComparison.table(rows) }
    }

    /// Every architecture is checked against the image size before anything is trained.
    public func run(train: ImageDataset, test: ImageDataset, log: (String) -> Void) throws -> Result {
        for architecture in architectures { try checkImageSize(architecture, of: train) }
        var sizes: [(pca: CodeComparison, autoencoders: [CodeComparison])] = []
        for size in codeSizes {
            log("PCA-\(size)")
            let pca = try CodeComparison.pca(codeSize: size, train: train, test: test)
            let autoencoders = try architectures.map { architecture in
                log("\(architecture.rawValue) autoencoder, code \(size), \(training.epochs) epochs")
                return try trainAndMeasure(architecture, codeSize: size, train: train, test: test)
            }
            sizes.append((pca, autoencoders))
        }
        let trained = try self.trained.map { name, autoencoder in
            try CodeComparison.autoencoder(autoencoder, name: name, trainingSeconds: .nan, train: train, test: test)
        }
        return Result(sizes: sizes, trained: trained)
    }

    private func trainAndMeasure(
        _ architecture: AutoencoderArchitecture, codeSize: Int, train: ImageDataset,
        test: ImageDataset
    ) throws -> CodeComparison {
        var generator = SeededGenerator(seed: training.seed)
        let spec = try architecture.spec(
            codeSize: codeSize, channels: train.channels, height: train.height, width: train.width)
        let autoencoder = try Autoencoder(try spec.build(using: &generator))
        let reports = try autoencoder.fit(train, options: training, optimizer: Adam(learningRate: learningRate))
        return try .autoencoder(
            autoencoder, name: "\(architecture.rawValue) AE",
            trainingSeconds: reports.map(\.seconds).reduce(0, +), train: train, test: test)
    }
}
