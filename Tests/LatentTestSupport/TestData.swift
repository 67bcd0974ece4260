import Foundation
import LatentData

/// Where the tests find real data, and scratch directories for the files they write.
public enum TestData {
    /// The repository's root, found from this file's path.
    public static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    /// `../shared/data/mnist` beside the repository: the four original MNIST files, when present.
    public static let mnistDirectory = (repositoryRoot as NSString).appendingPathComponent("../shared/data/mnist")

    /// Debian's dataset-fashion-mnist package installs the files here.
    public static let fashionMNISTDirectory = "/usr/share/datasets/fashion-mnist"

    public static var hasMNIST: Bool {
        FileManager.default.fileExists(
            atPath: (mnistDirectory as NSString).appendingPathComponent("t10k-labels-idx1-ubyte.gz"))
    }

    public static var hasFashionMNIST: Bool {
        FileManager.default.fileExists(atPath: fashionMNISTDirectory + "/t10k-labels-idx1-ubyte.gz")
    }

    /// A new empty directory under the system's temporary directory; prefer `ScratchDirectory`, which removes itself.
    public static func scratchDirectory() throws -> String {
        let path = (NSTemporaryDirectory() as NSString).appendingPathComponent("latent-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}

extension TestData {
    /// Fashion-MNIST read once for all tests (a lazy static is initialised exactly once), or `nil` when absent.
    nonisolated(unsafe) public static let fashionMNIST: (train: ImageDataset, test: ImageDataset)? = {
        guard hasFashionMNIST else { return nil }
        guard let train = try? KnownDataset.fashionMNIST.load(.train, from: fashionMNISTDirectory),
            let test = try? KnownDataset.fashionMNIST.load(.test, from: fashionMNISTDirectory)
        else { return nil }
        return (train, test)
    }()
}

extension TestData {
    /// 2,000 real MNIST train images and 500 test images (200 and 50 of each digit, seeded), read once for all tests,
    /// or `nil` when MNIST is absent: enough for a small autoencoder to show that it learns, in seconds.
    nonisolated(unsafe) public static let mnistSample: (train: ImageDataset, test: ImageDataset)? = {
        guard hasMNIST,
            let train = try? KnownDataset.mnist.load(.train, from: mnistDirectory).sampled(perClass: 200, seed: 1),
            let test = try? KnownDataset.mnist.load(.test, from: mnistDirectory).sampled(perClass: 50, seed: 2)
        else { return nil }
        return (train, test)
    }()
}
