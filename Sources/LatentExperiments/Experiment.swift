import LatentData

/// An experiment as a researcher writes it by hand: a YAML file under `experiments/`.
public struct Experiment: Codable, Sendable {
    public enum Kind: String, CaseIterable, Codable, Sendable {
        /// Train one autoencoder; reconstructions, weights, neighbours and figures beside PCA at the same code size.
        case autoencoder
        /// PCA against autoencoders at several code sizes.
        case comparison
        /// Protocol P6, optionally swept over the number of labels per new class.
        case transfer
        /// Nearest images per category with deep features from a CNN.
        case perCategory = "per-category"
        /// Search by image file: the dataset exported as PNG files, imported, indexed by PCA, autoencoder and CNN
        /// codes, and queried with held-out files as `latent search` does.
        case visualSearch = "visual-search"
    }

    public struct Model: Codable, Sendable {
        /// An autoencoder architecture (dense, deep, conv, variational).
        public var arch: String?
        public var code: Int?
        /// Autoencoders to compare with PCA, and the code sizes.
        public var archs: [String]?
        public var codes: [Int]?
        /// `gaussian:STD` or `mask:FRACTION` for a denoising autoencoder.
        public var denoise: String?
        public var sparsity: Float?
    }

    public struct Training: Codable, Sendable {
        public var epochs: Int = 10
        public var batchSize: Int = 128
        public var learningRate: Float = 1e-3
        enum CodingKeys: String, CodingKey { case epochs, batchSize = "batch_size", learningRate = "learning_rate" }
        public init() {}
        public init(from decoder: Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            epochs = try container.decodeIfPresent(Int.self, forKey: .epochs) ?? 10
            batchSize = try container.decodeIfPresent(Int.self, forKey: .batchSize) ?? 128
            learningRate = try container.decodeIfPresent(Float.self, forKey: .learningRate) ?? 1e-3
        }
    }

    public struct Evaluation: Codable, Sendable {
        /// Test images whose neighbours are shown.
        public var queries: [Int]?
        public var neighbours: Int?
        /// Labels per new class to sweep (transfer).
        public var labelsPerClass: [Int]?
        /// Visual search: train images of each class written as database files, and test images of each class
        /// written as query files.
        public var databasePerClass: Int?
        public var queriesPerClass: Int?
        /// Visual search: how many times the trained models are trained, with seeds seed, seed + 1, ...
        public var repeats: Int?
        enum CodingKeys: String, CodingKey {
            case queries, neighbours, labelsPerClass = "labels_per_class", databasePerClass = "database_per_class",
                 queriesPerClass = "queries_per_class", repeats
        }
    }

    public var name: String
    public var question: String
    public var kind: Kind
    public var dataset: KnownDataset
    /// Where the dataset's files are; relative paths start at the experiment file's folder.
    public var dataDir: String?
    public var seed: UInt64
    public var model: Model?
    public var training: Training?
    public var evaluation: Evaluation?

    enum CodingKeys: String, CodingKey {
        case name, question, kind, dataset, dataDir = "data_dir", seed, model, training, evaluation
    }
}

extension KnownDataset: Codable {}
