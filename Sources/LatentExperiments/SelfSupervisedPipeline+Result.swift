import Foundation
import LatentModels
import LatentNN
import LatentRetrieval

extension SelfSupervisedPipeline {
    /// What the pipeline trained and measured.
    public struct Result {
        public let model: any Layer
        /// One per epoch trained (a resumed run's earlier ones as its metrics log has them).
        public let reports: [EpochReport]
        /// Retrieval with the features beside PCA's; `nil` when no labelled test split was given.
        public let retrieval: Retrieval?

        /// The seconds spent training, over every epoch.
        public var trainingSeconds: Double { reports.map(\.seconds).reduce(0, +) }
    }

    /// Retrieval figures of the test split against the train split, by the labels, for the features and for PCA.
    public struct Retrieval {
        /// One code space under one distance.
        public struct Row {
            /// "features" or "PCA-64".
            public let codes: String
            public let metric: DistanceMetric
            public let figures: RetrievalFigures
        }

        public let rows: [Row]

        /// A header, then one line per row: codes, distance, precision@10, 1-NN accuracy, mAP@100.
        public var table: String {
            let lines = rows.map { row in
                let figures = row.figures
                return row.codes.padding(toLength: 11, withPad: " ", startingAt: 0)
                    + row.metric.rawValue.padding(toLength: 10, withPad: " ", startingAt: 0)
                    + String(
                        format: "%.4f %.4f %.4f", figures.precisionAt10, figures.oneNearestNeighbourAccuracy,
                        figures.meanAveragePrecisionAt100)
            }
            return (["codes      distance  P@10   1-NN   mAP@100"] + lines).joined(separator: "\n")
        }
    }
}
