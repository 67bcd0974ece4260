import LatentCore

/// Counts of (true class, predicted class) pairs, with accuracy overall and per class.
public struct ConfusionMatrix: Equatable, Sendable, CustomStringConvertible {
    public let classNames: [String]
    /// counts[true][predicted].
    public let counts: [[Int]]

    public init(trueLabels: [Int], predicted: [Int], classNames: [String]) throws {
        guard trueLabels.count == predicted.count else {
            throw LatentError("\(trueLabels.count) labels but \(predicted.count) predictions")
        }
        let classes = classNames.count
        var counts = [[Int]](repeating: [Int](repeating: 0, count: classes), count: classes)
        for (truth, guess) in zip(trueLabels, predicted) {
            guard (0..<classes).contains(truth), (0..<classes).contains(guess) else {
                throw LatentError("label \(max(truth, guess)) is outside the \(classes) classes")
            }
            counts[truth][guess] += 1
        }
        self.classNames = classNames
        self.counts = counts
    }

    public var accuracy: Double {
        let total = counts.joined().reduce(0, +)
        return Double(counts.indices.map { counts[$0][$0] }.reduce(0, +)) / Double(max(total, 1))
    }

    /// The fraction of each class's images predicted correctly (0 for a class without images).
    public var perClassAccuracy: [Double] {
        counts.indices.map { Double(counts[$0][$0]) / Double(max(counts[$0].reduce(0, +), 1)) }
    }

    public var description: String {
        let width = max(6, (counts.joined().map { String($0).count }.max() ?? 1) + 1)
        func cell(_ text: String) -> String { String(repeating: " ", count: max(0, width - text.count)) + text }
        var lines = ["true \\ predicted " + counts.indices.map { cell(String($0)) }.joined() + "  accuracy"]
        for (label, row) in counts.enumerated() {
            let name = "\(label) \(classNames[label])".padding(toLength: 17, withPad: " ", startingAt: 0)
            lines.append(
                name + row.map { cell(String($0)) }.joined() + "  " + String(format: "%.3f", perClassAccuracy[label]))
        }
        lines.append(String(format: "accuracy %.4f", accuracy))
        return lines.joined(separator: "\n")
    }
}
