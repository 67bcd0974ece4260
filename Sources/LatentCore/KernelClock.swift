import Foundation
import Synchronization

/// Where the time of training steps, convolutions and searches goes, for benchmarks and profiles.
///
/// Only the thread that switched the clock on is timed: kernels split across the worker pool run the same
/// work on the other threads at the same time, so that thread's split is the wall-time split, and the time
/// it waits for the others to finish their pieces is `idle`.
public enum KernelClock {
    /// Matrix products; im2col/col2im; layout passes of convolutions (axis swaps, bias); element-wise ops,
    /// activations and reductions; the optimizer's update; top-k selection of searches; waiting for the
    /// worker pool's other threads.
    public enum Part: Int, CaseIterable, Sendable {
        case sgemm, unfold, layout, elementwise, optimizer, selection, idle
    }

    nonisolated(unsafe) private static var owner: pthread_t?
    private static let seconds = Mutex([Double](repeating: 0, count: Part.allCases.count))

    /// Whether kernels are timed; switching it on makes the calling thread the one that is timed.
    public static var isEnabled: Bool {
        get { owner != nil }
        set { owner = newValue ? pthread_self() : nil }
    }

    /// Seconds spent in `part` since the last `reset()`.
    public static func total(_ part: Part) -> Double { seconds.withLock { $0[part.rawValue] } }

    public static func reset() { seconds.withLock { $0 = [Double](repeating: 0, count: Part.allCases.count) } }

    @inline(__always)
    package static func measure<Result>(_ part: Part, _ body: () -> Result) -> Result {
        guard let owner, pthread_equal(owner, pthread_self()) != 0 else { return body() }
        let start = DispatchTime.now().uptimeNanoseconds
        defer {
            let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) * 1e-9
            seconds.withLock { $0[part.rawValue] += elapsed }
        }
        return body()
    }
}
