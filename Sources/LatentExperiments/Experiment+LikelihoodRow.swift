extension Experiment {
    /// One row of a likelihood experiment: a variational autoencoder trained with the file's `model` and `training`
    /// keys, these keys overriding them.
    public struct LikelihoodRow: Decodable, Sendable {
        /// The row's name in the table and its folder under the run's (`runs/NAME/ROW/`).
        public var name: String
        /// Codes drawn per image in the training objective: 1 is the VAE's bound, more the IWAE's.
        public var importanceSamples: Int?
        /// Passes over the train split; `training.epochs` when left out.
        public var epochs: Int?
        /// A published test negative log-likelihood in nats, shown beside the one measured.
        public var referenceNats: Double?

        enum CodingKeys: String, CodingKey {
            case name, epochs
            case importanceSamples = "importance_samples"
            case referenceNats = "reference_nats"
        }
    }
}
