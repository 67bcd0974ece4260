import Foundation
import LatentTestSupport
import Testing

@testable import LatentData

/// What only a dataset folder as a whole can show: the folder itself, empty splits, image sizes across splits,
/// and files of the other known dataset.
@Suite struct DatasetFolderTests {
    let scratch: ScratchDirectory
    init() throws { scratch = try ScratchDirectory() }

    var folder: String { scratch.path }
    func file(_ name: String) -> String { scratch.path(name) }

    @Test func aSmallSubsetLoadsAsEitherDataset() throws {
        try FakeDataset.write(into: folder, trainLabels: [0, 1, 2, 3, 9], testLabels: [4, 5])
        #expect(try KnownDataset.fashionMNIST.load(.train, from: folder).count == 5)
        #expect(try KnownDataset.mnist.load(.test, from: folder).labels == [4, 5])
    }

    @Test(arguments: [KnownDataset.Split.train, .test])
    func anEmptySplitIsNamed(split: KnownDataset.Split) throws {
        try FakeDataset.write(
            into: folder, trainLabels: split == .train ? [] : [1, 2],
            testLabels: split == .test ? [] : [1, 2])
        let images = file("\(split == .train ? "train" : "t10k")-images-idx3-ubyte.gz")
        #expect(throws: DataError.noImages(path: images)) { _ = try KnownDataset.mnist.load(split, from: folder) }
    }

    @Test(arguments: [KnownDataset.Split.train, .test])
    func splitsOfDifferentImageSizesAreRefusedWhicheverIsLoaded(split: KnownDataset.Split) throws {
        try FakeDataset.write(into: folder, trainLabels: [0, 1], testLabels: [2], side: 4, testSide: 3)
        let (train, test) = (file("train-images-idx3-ubyte.gz"), file("t10k-images-idx3-ubyte.gz"))
        let expected =
            split == .train
            ? DataError.imageSizeMismatch(
                path: train, height: 4, width: 4, otherPath: test, otherHeight: 3, otherWidth: 3)
            : DataError.imageSizeMismatch(
                path: test, height: 3, width: 3, otherPath: train, otherHeight: 4, otherWidth: 4)
        #expect(throws: expected) { _ = try KnownDataset.fashionMNIST.load(split, from: folder) }
    }

    @Test(arguments: [KnownDataset.Split.train, .test])
    func mnistFilesAreNotFashionMNIST(split: KnownDataset.Split) throws {
        // Real label counts on 1x1 images: what matters is the counts, not the pixels.
        let counts = KnownDataset.mnist.publishedLabelCounts(split)
        try FakeDataset.write(
            into: folder, trainLabels: FakeDataset.labels(counts: counts),
            testLabels: FakeDataset.labels(counts: counts), side: 1)
        let labels = file("\(split == .train ? "train" : "t10k")-labels-idx1-ubyte.gz")
        #expect(
            throws: DataError.otherDataset(
                directory: folder, asked: "fashion-mnist", found: "mnist", labels: labels,
                counts: counts)
        ) {
            _ = try KnownDataset.fashionMNIST.load(split, from: folder)
        }
        #expect(try KnownDataset.mnist.load(split, from: folder).count == counts.reduce(0, +))
    }

    @Test func fashionMNISTFilesAreNotMNIST() throws {
        let counts = KnownDataset.fashionMNIST.publishedLabelCounts(.test)
        try FakeDataset.write(into: folder, trainLabels: [0], testLabels: FakeDataset.labels(counts: counts), side: 1)
        #expect {
            _ = try KnownDataset.mnist.load(.test, from: folder)
        } throws: { error in
            let message = "\(error)"
            return message.hasPrefix("\(folder) holds fashion-mnist, not mnist")
                && message.hasSuffix("Use --dataset fashion-mnist.")
        }
    }

    @Test(.enabled(if: TestData.hasMNIST, "needs ../shared/data/mnist"))
    func theRealMNISTIsRefusedAsFashionMNIST() throws {
        #expect(throws: DataError.self) { _ = try KnownDataset.fashionMNIST.load(.test, from: TestData.mnistDirectory) }
    }

    @Test func aFolderThatIsMissingOrAFileIsNamed() throws {
        #expect {
            _ = try KnownDataset.mnist.load(.train, from: file("nothing"))
        } throws: { error in
            "\(error)".hasPrefix(
                "mnist is not in \(file("nothing")) (no such directory). Get it with `latent data fetch")
        }
        try Data("x".utf8).write(to: URL(fileURLWithPath: file("plain")))
        #expect(throws: DataError.unreadable(path: file("plain"), reason: "it is a regular file, not a directory")) {
            _ = try KnownDataset.mnist.load(.train, from: file("plain"))
        }
    }

    /// Root lists any folder whatever its mode, so this runs only as a user.
    @Test(.enabled(if: getuid() != 0, "root reads a folder of mode 000"))
    func anUnreadableFolderSaysPermissionDeniedNotFilesMissing() throws {
        let locked = file("locked")
        try FileManager.default.createDirectory(atPath: locked, withIntermediateDirectories: false)
        try FakeDataset.write(into: locked, trainLabels: [0], testLabels: [0])
        #expect(chmod(locked, 0) == 0)
        #expect(throws: DataError.unreadable(path: locked, reason: "permission denied")) {
            _ = try KnownDataset.mnist.load(.train, from: locked)
        }
    }
}
