import Foundation

/// Holds the threads of Swift concurrency's shared pool, the way a loaded test run does when other suites
/// compute on them for seconds, or a server does when every thread is busy with searches.
enum SharedThreads {
    /// Runs `body` on a thread of its own while tasks block the shared pool's threads (as many as the machine
    /// has cores, the pool's width), and lets them go when `body` returns.
    static func heldWhile<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        let width = ProcessInfo.processInfo.activeProcessorCount
        let held = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        let holders = (0..<width).map { _ in Task.detached { block(signalling: held, until: release) } }
        let result: Result<T, any Error> = await withCheckedContinuation { continuation in
            Thread {
                // One holder runs before the body starts, and the others are queued ahead of anything the body makes
                // the server do. Waiting for them all would idle the held threads while a busy pool finishes other
                // tests' work, slowing the whole run; a thread busy with that work is held all the same.
                held.wait()
                let result = Result { try body() }
                for _ in 0..<width { release.signal() }
                continuation.resume(returning: result)
            }.start()
        }
        for holder in holders { await holder.value }
        return try result.get()
    }

    /// Blocks the calling thread: a synchronous wait, which Swift concurrency cannot give away to another task.
    private static func block(signalling held: DispatchSemaphore, until release: DispatchSemaphore) {
        held.signal()
        release.wait()
    }
}
