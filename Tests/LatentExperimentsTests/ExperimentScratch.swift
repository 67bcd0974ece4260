import Foundation
import LatentData
import LatentTestSupport

@testable import LatentExperiments

/// A scratch folder for one test (removed when the suite instance goes away) with experiment files and
/// small datasets written into it.
final class ExperimentScratch {
    private let directory: ScratchDirectory
    var folder: String { directory.path }

    init() throws { directory = try ScratchDirectory() }

    func path(_ name: String) -> String { directory.path(name) }

    /// Writes `text` to `name` in the scratch folder and returns its path.
    @discardableResult
    func write(_ text: String, to name: String = "e.yaml") throws -> String {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path(name)))
        return path(name)
    }

    /// A Fashion-MNIST-shaped dataset of `train` and `test` random images of `side` x `side` pixels,
    /// labels cycling through `classes`, in the four gzip IDX files under `name`.
    @discardableResult
    func dataset(
        _ name: String = "data", train: Int, test: Int, side: Int = 8, testSide: Int? = nil,
        classes: [Int] = Array(0...9)
    ) throws -> String {
        let directory = path(name)
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var generator = SystemRandomNumberGenerator()
        for (prefix, count, side) in [("train", train, side), ("t10k", test, testSide ?? side)] {
            let pixels = (0..<(count * side * side)).map { _ in UInt8.random(in: 0...255, using: &generator) }
            try IDXFile.write(
                dimensions: [count, side, side], bytes: pixels,
                to: (directory as NSString).appendingPathComponent("\(prefix)-images-idx3-ubyte.gz"), compressed: true)
            try IDXFile.write(
                dimensions: [count], bytes: (0..<count).map { UInt8(classes[$0 % classes.count]) },
                to: (directory as NSString).appendingPathComponent("\(prefix)-labels-idx1-ubyte.gz"), compressed: true)
        }
        return directory
    }

    /// The settings an autoencoder experiment on MNIST reads from `model` (a YAML flow mapping), through the file
    /// decoder, so that a key the decoder drops shows up as a default.
    func autoencoderSettings(model: String) throws -> AutoencoderSettings {
        let file = try write(
            """
            name: keys
            question: Do the keys arrive?
            kind: autoencoder
            dataset: mnist
            seed: 0
            model: \(model)
            """)
        return try AutoencoderSettings(try Experiment.load(from: file).experiment)
    }

    /// The first `count` images of a real MNIST split, written as the split's gzip IDX files under `folder`.
    func writeMNISTSubset(_ split: KnownDataset.Split, prefix: String, count: Int, into folder: String) throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let dataset = try KnownDataset.mnist.load(split, from: TestData.mnistDirectory)
        let bytes = dataset.images.rows(0..<count).scalars.map { UInt8(($0 * 255).rounded()) }
        try IDXFile.write(
            dimensions: [count, 28, 28], bytes: bytes,
            to: (folder as NSString).appendingPathComponent("\(prefix)-images-idx3-ubyte.gz"), compressed: true)
        try IDXFile.write(
            dimensions: [count], bytes: dataset.labels[0..<count].map { UInt8($0) },
            to: (folder as NSString).appendingPathComponent("\(prefix)-labels-idx1-ubyte.gz"), compressed: true)
    }

    /// Every file and folder under the scratch folder, relative to it, sorted.
    func listing() -> [String] {
        ((try? FileManager.default.subpathsOfDirectory(atPath: folder)) ?? []).sorted()
    }
}

/// A small valid autoencoder experiment; tests replace one line to make it wrong.
let validExperiment = """
    name: tiny
    question: Does it run?
    kind: autoencoder
    dataset: fashion-mnist
    data_dir: data
    seed: 0
    model: {arch: dense, code: 4}
    training: {epochs: 1, batch_size: 16, learning_rate: 0.001}
    evaluation: {queries: [0], neighbours: 3}

    """
