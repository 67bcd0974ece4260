import Foundation
import LatentCore
import LatentData

extension CodeComparison {
    /// An autoencoder's codes of both splits, encoded once for whoever needs them (the figures, the pictures), with
    /// the time the test split took, which the comparison reports as encoding speed.
    public struct Codes {
        public let train: Tensor
        public let test: Tensor
        public let testSeconds: Double

        public init(_ autoencoder: Autoencoder, train: ImageDataset, test: ImageDataset) {
            let start = Date()
            self.test = autoencoder.encode(test.images)
            testSeconds = Date().timeIntervalSince(start)
            self.train = autoencoder.encode(train.images)
        }
    }
}
