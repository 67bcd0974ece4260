/// Splits `0..<total` into contiguous ranges and runs `body` on them on the engine's threads at once.
///
/// Up to four ranges per thread, so that a thread that starts late leaves its share to the others; work
/// smaller than `minimumPerPiece` elements per range stays on the calling thread, as handing it over would
/// cost more than it saves. `body` must write only memory that belongs to its own range. The calling
/// thread's pieces count as `part` on the `KernelClock`.
package func parallelRanges(
    _ total: Int, minimumPerPiece: Int = 1, clock part: KernelClock.Part,
    _ body: (Range<Int>) -> Void
) {
    let pieces = min(4 * WorkerPool.shared.threads, total / max(minimumPerPiece, 1))
    guard pieces > 1 else { return KernelClock.measure(part) { body(0..<total) } }
    WorkerPool.shared.run(pieces: pieces) { piece in
        KernelClock.measure(part) { body((piece * total / pieces)..<((piece + 1) * total / pieces)) }
    }
}

/// Element counts below which element-wise work stays on one thread (about 20 µs of work per piece).
package let elementwiseGrain = 1 << 15
