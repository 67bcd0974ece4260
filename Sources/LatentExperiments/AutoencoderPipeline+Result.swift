import LatentModels

extension AutoencoderPipeline {
    /// What the pipeline measured and drew.
    public struct Result {
        public let autoencoder: Autoencoder
        /// One per epoch trained.
        public let reports: [EpochReport]
        /// PCA at the code size, measured on the test split.
        public let pca: CodeComparison
        /// The trained autoencoder, measured on the test split.
        public let trained: CodeComparison
        /// The pictures written into the output folder, in order, with what each shows.
        public let pictures: [(file: String, caption: String)]
        /// The test negative log-likelihood in nats estimated by importance sampling, when it was asked for.
        public var negativeLogLikelihood: Double?

        /// PCA and the autoencoder, as a Markdown table.
        public var table: String { CodeComparison.table([pca, trained]) }

        /// Every file written into the output folder.
        public var files: [String] {
            ["model.h5"] + (autoencoder.encoder == nil ? [] : ["encoder.h5"]) + ["metrics.jsonl"] + pictures.map(\.file)
        }
    }
}
