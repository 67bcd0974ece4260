import Foundation
import LatentCore

/// Seconds of monotonic time taken by `body`.
func secondsTaken(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) * 1e-9
}

/// The median time of `repetitions` runs of `body` after one warm-up run.
func medianSeconds(repetitions: Int, _ body: () throws -> Void) rethrows -> Double {
    try body()
    let times = try (0..<repetitions).map { _ in try secondsTaken(body) }.sorted()
    return times[times.count / 2]
}

/// Writes one JSON object per line to standard output; keys are kept in the given order.
func printJSONLine(_ fields: KeyValuePairs<String, Any>) {
    printJSONLine(fields.map { ($0.key, $0.value) })
}

/// Writes one JSON object per line to standard output; keys are kept in the given order.
func printJSONLine(_ fields: [(String, Any)]) {
    let parts = fields.map { key, value -> String in
        switch value {
        case let text as String: return "\"\(key)\": \"\(text)\""
        case let number as Double: return "\"\(key)\": \(number.isFinite ? String(format: "%.6g", number) : "null")"
        case let number as Float:
            return "\"\(key)\": \(number.isFinite ? String(format: "%.6g", Double(number)) : "null")"
        default: return "\"\(key)\": \(value)"
        }
    }
    Console.write("{" + parts.joined(separator: ", ") + "}\n", to: .output)
}

/// Progress and logs go to standard error, so that standard output stays machine-readable.
func log(_ message: String) {
    Console.write(message + "\n", to: .error)
}
