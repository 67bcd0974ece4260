import Foundation

/// Splits `0..<total` into one contiguous range per core and runs `body` on them at once.
///
/// `body` must write only memory that belongs to its own range.
package func parallelRanges(_ total: Int, _ body: (Range<Int>) -> Void) {
    let chunks = min(total, ProcessInfo.processInfo.activeProcessorCount)
    guard chunks > 1 else { return body(0..<total) }
    withoutActuallyEscaping(body) { body in
        nonisolated(unsafe) let body = body
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            body((chunk * total / chunks)..<((chunk + 1) * total / chunks))
        }
    }
}
