import LatentCore

/// Shuffled mini-batches of a dataset for one epoch, reproducible from a seed.
///
/// Each batch gathers its rows into one new tensor; no per-image allocation.
public struct MiniBatches: Sequence, IteratorProtocol {
    public struct Batch {
        /// (B, H * W) pixels.
        public let images: Tensor
        public let labels: [Int]
        /// The rows of the dataset this batch holds.
        public let indices: [Int]
    }

    private let dataset: ImageDataset
    private let order: [Int]
    private let batchSize: Int
    private var start = 0

    /// - Parameter shuffleSeed: `nil` keeps the dataset's order.
    public init(_ dataset: ImageDataset, batchSize: Int, shuffleSeed: UInt64?) {
        precondition(batchSize > 0, "batch size must be positive, got \(batchSize)")
        self.dataset = dataset
        self.batchSize = batchSize
        if let shuffleSeed {
            var generator = SeededGenerator(seed: shuffleSeed)
            order = Array(0..<dataset.count).shuffled(using: &generator)
        } else {
            order = Array(0..<dataset.count)
        }
    }

    public mutating func next() -> Batch? {
        guard start < order.count else { return nil }
        let indices = Array(order[start..<Swift.min(start + batchSize, order.count)])
        start += batchSize
        return Batch(images: dataset.images.gatheredRows(indices), labels: indices.map { dataset.labels[$0] }, indices: indices)
    }
}
