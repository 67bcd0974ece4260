/// How a convolution walks its batch: one contiguous share of the images per thread, each share in chunks
/// small enough that a chunk's patch matrix stays in the core's L2 cache between its unfolding, its
/// products and its layout pass.
///
/// Each thread works on its own chunk with single-threaded products, so the two cores never wait on each
/// other inside a layer, and no batch-sized intermediate goes through main memory.
package struct ConvolutionChunks {
    /// Floats a chunk's largest scratch matrix may hold (256 KB, a fifth of a 1.25 MB L2 cache).
    package static let scratchFloats = 1 << 16

    package let batch: Int
    /// Images per chunk.
    package let chunk: Int
    /// Threads that share the batch; each gets one contiguous share of it.
    package let pieces: Int

    /// - Parameter floatsPerImage: the size of one image's share of the largest scratch matrix.
    package init(batch: Int, floatsPerImage: Int) {
        self.batch = batch
        chunk = max(1, min(batch, Self.scratchFloats / max(floatsPerImage, 1)))
        pieces = max(1, min(WorkerPool.shared.threads, (batch + chunk - 1) / chunk))
    }

    /// Runs `body(piece, images)` for every chunk; the pieces run on the worker pool at once, and a piece's
    /// chunks run one after another on its thread, so `piece` indexes per-thread scratch and partial sums.
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
