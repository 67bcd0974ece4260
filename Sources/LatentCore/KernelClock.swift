import Foundation

/// Where the time of convolutions and searches goes (matrix products versus the rest), for benchmarks.
public enum KernelClock {
    /// Matrix products; im2col/col2im; everything else measured (layout, bias, top-k selection).
    public enum Part: Int, CaseIterable, Sendable { case sgemm, unfold, other }

    nonisolated(unsafe) public static var isEnabled = false
    nonisolated(unsafe) private static var seconds = [Double](repeating: 0, count: Part.allCases.count)

    /// Seconds spent in `part` since the last `reset()`.
    public static func total(_ part: Part) -> Double { seconds[part.rawValue] }

    public static func reset() { seconds = [Double](repeating: 0, count: Part.allCases.count) }

    @inline(__always)
    package static func measure<Result>(_ part: Part, _ body: () -> Result) -> Result {
        guard isEnabled else { return body() }
        let start = DispatchTime.now().uptimeNanoseconds
        defer { seconds[part.rawValue] += Double(DispatchTime.now().uptimeNanoseconds - start) * 1e-9 }
        return body()
    }
}
