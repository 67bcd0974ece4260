import Foundation
import LatentCore
import LatentTestSupport
import Testing

@testable import LatentData

/// IDX files written by the test itself, each broken in one way.
@Suite struct BadInputTests {
    let scratch: ScratchDirectory
    init() throws { scratch = try ScratchDirectory() }

    func path(_ name: String) -> String { scratch.path(name) }

    func writeValidPair(count: Int = 4, compressed: Bool = true) throws {
        let pixels = (0..<(count * 9)).map { UInt8($0 % 256) }
        try IDXFile.write(dimensions: [count, 3, 3], bytes: pixels, to: path("images.gz"), compressed: compressed)
        try IDXFile.write(
            dimensions: [count], bytes: (0..<count).map { UInt8($0 % 3) }, to: path("labels.gz"), compressed: compressed
        )
    }

    @Test(arguments: [true, false])
    func validFilesRoundTrip(compressed: Bool) throws {
        try writeValidPair(compressed: compressed)
        let dataset = try ImageDataset(
            name: "tiny", imagesFile: path("images.gz"), labelsFile: path("labels.gz"),
            classNames: ["a", "b", "c"])
        #expect(dataset.count == 4 && dataset.height == 3 && dataset.labels == [0, 1, 2, 0])
        #expect(dataset.images.scalars[10] == Float(10) * (1 / 255))
    }

    @Test func truncatedGzipNamesTheFileAndOffset() throws {
        try writeValidPair(count: 400)
        let whole = try Data(contentsOf: URL(fileURLWithPath: path("images.gz")))
        try whole.prefix(whole.count / 2).write(to: URL(fileURLWithPath: path("images.gz")))
        #expect {
            _ = try IDXFile(contentsOf: path("images.gz"))
        } throws: { error in
            guard case .corrupt(let file, let offset, let reason) = error as? DataError else { return false }
            return file == path("images.gz") && offset > 0 && reason.contains("gzip")
        }
    }

    @Test func truncatedRawFileReportsBothSizes() throws {
        try writeValidPair(compressed: false)
        let whole = try Data(contentsOf: URL(fileURLWithPath: path("images.gz")))
        try whole.prefix(30).write(to: URL(fileURLWithPath: path("images.gz")))
        #expect(throws: DataError.truncated(path: path("images.gz"), expectedBytes: 16 + 36, actualBytes: 30)) {
            _ = try IDXFile(contentsOf: path("images.gz"))
        }
    }

    @Test func wrongMagicNumberIsRejected() throws {
        try Data([0, 0, 0x0D, 3, 0, 0, 0, 1]).write(to: URL(fileURLWithPath: path("floats")))
        #expect {
            _ = try IDXFile(contentsOf: path("floats"))
        } throws: { error in
            guard case .corrupt(let file, let offset, let reason) = error as? DataError else { return false }
            return file == path("floats") && offset == 0 && reason.contains("0x00000d03")
        }
    }

    @Test func imagesAndLabelsOfDifferentLengths() throws {
        try writeValidPair(count: 4)
        try IDXFile.write(dimensions: [5], bytes: [0, 1, 2, 0, 1], to: path("labels.gz"), compressed: true)
        #expect(
            throws: DataError.lengthMismatch(
                images: path("images.gz"), imageCount: 4, labels: path("labels.gz"), labelCount: 5)
        ) {
            _ = try ImageDataset(
                name: "tiny", imagesFile: path("images.gz"), labelsFile: path("labels.gz"), classNames: ["a", "b", "c"])
        }
    }

    @Test func labelOutsideTheClassesIsNamedWithFileAndOffset() throws {
        try writeValidPair(count: 4)
        try IDXFile.write(dimensions: [4], bytes: [0, 1, 7, 0], to: path("labels.gz"), compressed: true)
        #expect {
            _ = try ImageDataset(
                name: "tiny", imagesFile: path("images.gz"), labelsFile: path("labels.gz"), classNames: ["a", "b", "c"])
        } throws: { error in
            "\(error)"
                == "\(path("labels.gz")): corrupt at byte 10: label 7 of image 2 is not one of the 3 classes 0...2"
        }
    }

    @Test func directoryWithOneFileMissingSaysHowToGetIt() throws {
        for name in KnownDataset.fileNames.dropLast() {
            try Data().write(to: URL(fileURLWithPath: path(name)))
        }
        #expect {
            _ = try KnownDataset.fashionMNIST.load(.train, from: scratch.path)
        } throws: { error in
            let message = "\(error)"
            return message.contains("t10k-labels-idx1-ubyte.gz")
                && message.contains("apt-get install dataset-fashion-mnist")
                && message.contains("latent data fetch fashion-mnist")
        }
    }

    @Test func missingFileIsNamed() {
        #expect(throws: DataError.unreadable(path: path("nothing"), reason: "no such file")) {
            _ = try IDXFile(contentsOf: path("nothing"))
        }
    }

    @Test func emptySubsetAndOversizedSampleAreErrors() throws {
        try writeValidPair(count: 4)
        let dataset = try ImageDataset(
            name: "tiny", imagesFile: path("images.gz"), labelsFile: path("labels.gz"),
            classNames: ["a", "b", "c", "d"])
        #expect(throws: DataError.invalidArgument("tiny: no images of classes [3]")) {
            try dataset.filtered(classes: [3])
        }
        #expect(throws: DataError.self) { try dataset.filtered(classes: [9]) }
        #expect(throws: DataError.invalidArgument("tiny: 3 images per class asked, class 0 (a) has only 2")) {
            try dataset.sampled(perClass: 3, seed: 0)
        }
        #expect(throws: DataError.self) { try dataset.split(validationFraction: 1.0, seed: 0) }
    }

    @Test func dataDirectoryPrecedence() {
        #expect(KnownDataset.mnist.directory(flag: "/x", environment: ["LATENT_DATA": "/y"]) == "/x")
        #expect(KnownDataset.mnist.directory(flag: nil, environment: ["LATENT_DATA": "/y"]) == "/y/mnist")
        // MNIST has no Debian package: without LATENT_DATA it is looked for where `latent data fetch mnist` puts it.
        #expect(
            KnownDataset.mnist.directory(flag: nil, environment: ["XDG_CACHE_HOME": "/c", "HOME": "/h"])
                == "/c/latent/mnist")
        #expect(KnownDataset.mnist.directory(flag: nil, environment: ["HOME": "/h"]) == "/h/.cache/latent/mnist")
        #expect(
            KnownDataset.mnist.directory(flag: nil, environment: ["XDG_CACHE_HOME": "relative", "HOME": "/h"])
                == "/h/.cache/latent/mnist")
        #expect(KnownDataset.mnist.fetchDirectory(environment: ["LATENT_DATA": "/y", "HOME": "/h"]) == "/y/mnist")
        if FileManager.default.fileExists(atPath: "/usr/share/datasets/fashion-mnist") {
            #expect(
                KnownDataset.fashionMNIST.directory(flag: nil, environment: ["HOME": "/h"])
                    == "/usr/share/datasets/fashion-mnist")
        } else {
            #expect(
                KnownDataset.fashionMNIST.directory(flag: nil, environment: ["HOME": "/h"])
                    == "/h/.cache/latent/fashion-mnist")
        }
    }
}
