import LatentCore

/// Shuffled mini-batches of a dataset for one epoch, reproducible from a seed.
///
/// Each batch gathers its rows into one new tensor; no per-image allocation.
public struct MiniBatches: Sequence, IteratorProtocol {
    public struct Batch {
        /// (B, C * H * W) pixels.
        public let images: Tensor
        public let labels: [Int]
        /// The rows of the dataset this batch holds.
        public let indices: [Int]
        /// The rows of the whole batch: more than this batch holds when it is one process's part of it.
        public let wholeCount: Int
        /// How a row of `images` is laid out: C planes of H rows of W pixels, as the dataset's images are.
        public let channels: Int, height: Int, width: Int
    }

    private let dataset: ImageDataset
    private let order: [Int]
    private let batchSize: Int
    private let part: Int, parts: Int
    private var start = 0

    /// - Parameters:
    ///   - dataset: the images and labels to batch.
    ///   - batchSize: rows per batch; the last batch holds what is left.
    ///   - shuffleSeed: `nil` keeps the dataset's order.
    ///   - part: with `parts` > 1, each batch is split into `parts` contiguous, nearly equal pieces (the last batch's
    ///     may be empty) and only piece `part` is gathered: one process's share of every batch of a data-parallel run.
    ///   - parts: how many pieces each batch is split into (the processes of the run); 1 gathers whole batches.
    public init(_ dataset: ImageDataset, batchSize: Int, shuffleSeed: UInt64?, part: Int = 0, of parts: Int = 1) {
        precondition(batchSize > 0, "batch size must be positive, got \(batchSize)")
        precondition(parts > 0 && (0..<parts).contains(part), "part \(part) of \(parts)")
        self.dataset = dataset
        self.batchSize = batchSize
        (self.part, self.parts) = (part, parts)
        if let shuffleSeed {
            var generator = SeededGenerator(seed: shuffleSeed)
            order = Array(0..<dataset.count).shuffled(using: &generator)
        } else {
            order = Array(0..<dataset.count)
        }
    }

    public mutating func next() -> Batch? {
        guard start < order.count else { return nil }
        let whole = order[start..<Swift.min(start + batchSize, order.count)]
        start += batchSize
        let first = whole.startIndex
        let indices = Array(whole[(first + part * whole.count / parts)..<(first + (part + 1) * whole.count / parts)])
        return Batch(
            images: dataset.images.gatheredRows(indices), labels: indices.map { dataset.labels[$0] }, indices: indices,
            wholeCount: whole.count, channels: dataset.channels, height: dataset.height, width: dataset.width)
    }
}
