import Foundation

@testable import LatentData

/// Writes the four files of a small dataset folder, with the labels and image sizes a test chooses.
enum FakeDataset {
    /// Train and test splits with these labels, `side` x `side` images (the test split's may differ).
    static func write(
        into folder: String, trainLabels: [Int], testLabels: [Int], side: Int = 3,
        testSide: Int? = nil
    ) throws {
        for (prefix, labels, side) in [("train", trainLabels, side), ("t10k", testLabels, testSide ?? side)] {
            let pixels = (0..<(labels.count * side * side)).map { UInt8($0 % 256) }
            try IDXFile.write(
                dimensions: [labels.count, side, side], bytes: pixels,
                to: (folder as NSString).appendingPathComponent("\(prefix)-images-idx3-ubyte.gz"),
                compressed: true)
            try IDXFile.write(
                dimensions: [labels.count], bytes: labels.map { UInt8($0) },
                to: (folder as NSString).appendingPathComponent("\(prefix)-labels-idx1-ubyte.gz"),
                compressed: true)
        }
    }

    /// Labels with `counts[c]` images of class c, class by class.
    static func labels(counts: [Int]) -> [Int] {
        counts.enumerated().flatMap { [Int](repeating: $0.offset, count: $0.element) }
    }
}
