import LatentModels
import LatentNN
import LatentRetrieval

extension ClassifierPipeline {
    /// What the pipeline trained and measured.
    public struct Result {
        public let model: any Layer
        /// One per epoch trained (a resumed run's earlier ones as its metrics log has them).
        public let reports: [EpochReport]
        /// The test split's true classes against the predicted ones.
        public let confusion: ConfusionMatrix

        /// The fraction of test images classified correctly.
        public var accuracy: Double { confusion.accuracy }

        /// The seconds spent training, over every epoch.
        public var trainingSeconds: Double { reports.map(\.seconds).reduce(0, +) }
    }
}
