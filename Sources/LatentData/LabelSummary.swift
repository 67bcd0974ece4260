import Foundation
import LatentCore

/// Counts per class and pixel statistics of a dataset, like a sketch summary of its label column.
public struct LabelSummary: CustomStringConvertible {
    public let name: String
    public let classNames: [String]
    /// Images per class index.
    public let counts: [Int]
    public let pixelMean: Double
    public let pixelStandardDeviation: Double

    public init(_ dataset: ImageDataset) {
        name = dataset.name
        classNames = dataset.classNames
        var counts = [Int](repeating: 0, count: dataset.classNames.count)
        for label in dataset.labels { counts[label] += 1 }
        self.counts = counts
        let (sum, sumOfSquares) = dataset.images.elementSums()
        let n = Double(max(dataset.images.count, 1))
        pixelMean = sum / n
        pixelStandardDeviation = max(sumOfSquares / n - pixelMean * pixelMean, 0).squareRoot()
    }

    /// The class indices with the most images (ties listed together).
    public var mostFrequent: [Int] { counts.indices.filter { counts[$0] == counts.max() } }
    /// The class indices with the fewest images among those present.
    public var leastFrequent: [Int] {
        let present = counts.filter { $0 > 0 }
        return counts.indices.filter { counts[$0] > 0 && counts[$0] == present.min() }
    }

    public var description: String {
        let total = counts.reduce(0, +)
        var lines = [
            "\(name): \(total) images, \(counts.filter { $0 > 0 }.count) classes",
            String(format: "pixels: mean %.4f, std %.4f", pixelMean, pixelStandardDeviation),
            "label  class         count  share",
        ]
        for (label, count) in counts.enumerated() {
            let className = classNames[label].padding(toLength: 12, withPad: " ", startingAt: 0)
            let share = String(format: "%5.1f%%", 100 * Double(count) / Double(max(total, 1)))
            lines.append(
                "\(String(repeating: " ", count: max(0, 5 - String(label).count)))\(label)  \(className)  "
                    + "\(String(repeating: " ", count: max(0, 6 - String(count).count)))\(count)  \(share)")
        }
        func names(_ labels: [Int]) -> String {
            labels.map { "\(classNames[$0]) (\(counts[$0]))" }.joined(separator: ", ")
        }
        lines.append("most frequent: \(names(mostFrequent))")
        lines.append("least frequent: \(names(leastFrequent))")
        return lines.joined(separator: "\n")
    }
}
