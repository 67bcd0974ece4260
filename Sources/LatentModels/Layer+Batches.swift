import LatentCore
import LatentNN

extension Layer {
    /// Calls `body` with each batch of rows of `images` and its first row number, with the layer in
    /// evaluation mode and no graph recorded.
    func forEachBatch(of images: Tensor, batchSize: Int, _ body: (Int, Tensor) throws -> Void) rethrows {
        let wasTraining = isTraining
        setTraining(false)
        defer { setTraining(wasTraining) }
        try GradientMode.withoutGradients {
            for start in stride(from: 0, to: images.shape[0], by: batchSize) {
                try body(start, images.rows(start..<min(start + batchSize, images.shape[0])))
            }
        }
    }

    /// `transform` of each batch of rows, each result read as one row per image, stacked into (N, width).
    func stackedBatches(of images: Tensor, batchSize: Int, _ transform: (Tensor) throws -> Tensor) rethrows -> Tensor {
        var stacked: Tensor?
        try forEachBatch(of: images, batchSize: batchSize) { start, batch in
            let result = try transform(batch)
            let width = result.count / batch.shape[0]
            let out = stacked ?? Tensor(zeros: [images.shape[0], width])
            out.copyValues(from: result, at: start * width)
            stacked = out
        }
        return stacked ?? Tensor(zeros: [0, 0])
    }
}
