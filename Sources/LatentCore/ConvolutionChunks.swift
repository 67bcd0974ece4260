/// How a convolution walks its batch: in a few contiguous shares ("pieces") that threads claim one by one,
/// each share in chunks small enough that a chunk's patch matrix stays in the core's L2 cache between its
/// unfolding, its products and its layout pass.
///
/// Each thread works on its own chunk with single-threaded products, so no batch-sized intermediate goes
/// through main memory. There are more pieces than threads, so a thread that starts late (or is descheduled
/// on a loaded machine) leaves its share to the others; the pieces do not depend on the schedule, so the
/// per-piece partial gradients add up to the same bits on every run.
package struct ConvolutionChunks {
    /// Floats a chunk's largest scratch matrix may hold (256 KB, a fifth of a 1.25 MB L2 cache).
    package static let scratchFloats = 1 << 16

    package let batch: Int
    /// Images per chunk.
    package let chunk: Int
    /// Contiguous shares of the batch, each with its own scratch and partial gradients.
    package let pieces: Int

    /// - Parameter floatsPerImage: the size of one image's share of the largest scratch matrix.
    package init(batch: Int, floatsPerImage: Int) {
        self.batch = batch
        chunk = max(1, min(batch, Self.scratchFloats / max(floatsPerImage, 1)))
        pieces = max(1, min(4 * WorkerPool.shared.threads, (batch + chunk - 1) / chunk))
    }

    /// Runs `body(piece, images)` for every chunk; the pieces run on the worker pool at once, and a piece's
    /// chunks run one after another on one thread, so `piece` indexes scratch and partial sums.
    package func run(_ body: (_ piece: Int, _ images: Range<Int>) -> Void) {
        WorkerPool.shared.run(pieces: pieces) { piece in
            let end = (piece + 1) * batch / pieces
            var start = piece * batch / pieces
            while start < end {
                body(piece, start..<min(start + chunk, end))
                start += chunk
            }
        }
    }
}
