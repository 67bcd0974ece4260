import Foundation
import LatentData
import LatentImages
import LatentTestSupport
import Testing

/// Fashion-MNIST written out as PNG and JPEG files in class folders, imported back and compared with the source.
@Suite struct FolderImportTests {
    /// The first `count` images of the tiny Fashion-MNIST fixture that the bad-input catalogue ships.
    static func fashion(_ count: Int) throws -> (bytes: [[UInt8]], labels: [Int], classes: [String]) {
        let folder = TestData.repositoryRoot + "/Tests/BadInput/files/tiny"
        let data = try KnownDataset.fashionMNIST.load(.train, from: folder)
        let bytes = (0..<count).map { i in
            (0..<data.pixelsPerImage).map {
                UInt8((data.images[element: i * data.pixelsPerImage + $0] * 255).rounded())
            }
        }
        // "T-shirt/top" cannot be a folder name.
        let classes = data.classNames.map { $0.replacingOccurrences(of: "/", with: "-") }
        return (bytes, Array(data.labels.prefix(count)), classes)
    }

    static func write(_ bytes: [UInt8], to path: String) throws {
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }

    /// Writes images 0..<count as `CLASS/NNNN.png` (or .jpg), plus a text file, an empty file, a hidden file
    /// and one image directly in the folder.
    static func makeFolder(
        _ root: String, count: Int, jpeg: Bool
    ) throws -> (bytes: [[UInt8]], labels: [Int], classes: [String]) {
        let source = try fashion(count)
        for (i, image) in source.bytes.enumerated() {
            let name = String(format: "%04d", i) + (jpeg ? ".jpg" : ".png")
            let file =
                jpeg
                ? JPEGWriter.jpeg(width: 28, height: 28, pixels: image, grey: true)
                : PNGWriter.png(width: 28, height: 28, colourType: .grey, samples: image.map(Int.init))
            try write(file, to: "\(root)/\(source.classes[source.labels[i]])/\(name)")
        }
        try write(
            PNGWriter.png(width: 28, height: 28, colourType: .grey, samples: source.bytes[0].map(Int.init)),
            to: root + "/loose.png")
        try write(Array("not an image".utf8), to: root + "/\(source.classes[source.labels[0]])/notes.txt")
        try write([], to: root + "/empty.png")
        try write([1, 2, 3], to: root + "/.DS_Store")
        return source
    }

    @Test func pngFolderImportsExactly() throws {
        let scratch = try TestData.scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let source = try Self.makeFolder(scratch + "/photos", count: 40, jpeg: false)
        var skippedLive: [String] = []
        var progress: [Int] = []
        let summary = try ImageFolderImport(
            folder: scratch + "/photos/", preprocessing: Preprocessing(size: 28, colour: .grey)
        )
        .run(
            writingTo: scratch + "/photos.h5", progress: { done, _ in progress.append(done) },
            skipped: { skippedLive.append($0.description) })

        #expect(summary.imported == 41)
        #expect(summary.unlabelled == 1)
        #expect(
            summary.skipped.map(\.path) == [
                scratch + "/photos/\(source.classes[source.labels[0]])/notes.txt",
                scratch + "/photos/empty.png",
            ])
        #expect(skippedLive.sorted() == summary.skipped.map(\.description).sorted())
        #expect(progress.last == 43)  // every file the walk found, the skipped ones included
        let usedClasses = Set(source.labels.map { source.classes[$0] }).sorted()
        #expect(summary.classNames == usedClasses)
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch).sorted() == ["photos", "photos.h5"])

        let dataset = try ImportedDataset(contentsOf: scratch + "/photos.h5")
        #expect(dataset.count == 41)
        #expect((dataset.channels, dataset.height, dataset.width) == (1, 28, 28))
        #expect(dataset.images.shape == [41, 784])
        #expect(dataset.preprocessing == Preprocessing(size: 28, colour: .grey))
        #expect(dataset.sourceFolder == scratch + "/photos/")
        #expect(dataset.paths.last == "loose.png")  // byte order: the capitalised class folders come first
        for (row, path) in dataset.paths.enumerated() {
            if path == "loose.png" {
                #expect(dataset.labels[row] == ImportedDataset.noLabel)
                continue
            }
            let index = try #require(Int(path.split(separator: "/")[1].prefix(4)))
            #expect(dataset.classNames[dataset.labels[row]] == source.classes[source.labels[index]])
            #expect(dataset.imageBytes(at: row) == source.bytes[index], "\(path)")  // 28 -> 28 by area is the identity
        }
        let grey = dataset.imageDataset()
        #expect(grey.classNames == usedClasses + ["(unlabelled)"])
        #expect(grey.labels[try #require(dataset.paths.firstIndex(of: "loose.png"))] == usedClasses.count)
    }

    /// A query file processed by the public function gives exactly the floats the dataset holds for it.
    @Test func aQueryIsProcessedExactlyAsTheDatabase() throws {
        let scratch = try TestData.scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let source = try Self.makeFolder(scratch + "/photos", count: 12, jpeg: true)
        let preprocessing = Preprocessing(size: 20, colour: .rgb, fit: .pad)
        _ = try ImageFolderImport(folder: scratch + "/photos", preprocessing: preprocessing).run(
            writingTo: scratch + "/out.h5")
        let dataset = try ImportedDataset(contentsOf: scratch + "/out.h5")
        #expect(dataset.images.shape == [13, 3 * 20 * 20])
        var largestError = 0
        for (row, path) in dataset.paths.enumerated() {
            let query = try dataset.preprocessing.pixels(ofFile: scratch + "/photos/" + path)
            let stored = dataset.images.rows(row..<(row + 1)).scalars
            #expect(query == stored, "\(path)")
            // JPEG at quality 100 stays within a few levels of the source.
            let name = path.split(separator: "/").last.map(String.init) ?? path
            if let index = Int(name.prefix(4)) {
                let decoded = try ImageDecoder.decode(contentsOf: scratch + "/photos/" + path)
                let reds = stride(from: 0, to: decoded.rgb.count, by: 3).map { Int(decoded.rgb[$0]) }
                let errors = zip(reds, source.bytes[index]).map { abs($0 - Int($1)) }
                largestError = max(largestError, errors.max() ?? 0)
            }
        }
        #expect(largestError <= 4)
        #expect(dataset.imageDataset().shapeDescription == "3x20x20")  // colour rows as they are, channel-major
    }

    @Test func colourPicturesOfAnySize() throws {
        let scratch = try TestData.scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        // A 40 x 20 horizontal gradient in red, and a 10 x 30 solid blue palette PNG with a JPEG beside them.
        var gradient: [Int] = []
        for _ in 0..<20 { for x in 0..<40 { gradient += [x * 255 / 39, 0, 0] } }
        try Self.write(
            PNGWriter.png(width: 40, height: 20, colourType: .rgb, samples: gradient), to: scratch + "/in/red/g.png")
        try Self.write(
            PNGWriter.png(
                width: 10, height: 30, colourType: .palette, bitDepth: 4, samples: [Int](repeating: 1, count: 300),
                palette: [(0, 0, 0), (0, 0, 255)]), to: scratch + "/in/blue/p.png")
        try Self.write(
            JPEGWriter.jpeg(
                width: 24, height: 16,
                pixels: [UInt8](repeating: 0, count: 24 * 16 * 3).enumerated()
                    .map { $0.offset % 3 == 2 ? 250 : 5 }), to: scratch + "/in/blue/j.jpg")
        let summary = try ImageFolderImport(folder: scratch + "/in", preprocessing: Preprocessing(size: 4))
            .run(writingTo: scratch + "/out.h5")
        #expect(summary.imported == 3 && summary.skipped.isEmpty && summary.classNames == ["blue", "red"])
        let dataset = try ImportedDataset(contentsOf: scratch + "/out.h5")
        #expect(dataset.paths == ["blue/j.jpg", "blue/p.png", "red/g.png"])
        #expect(dataset.labels == [0, 0, 1])
        #expect(dataset.imageBytes(at: 1) == [UInt8](repeating: 0, count: 32) + [UInt8](repeating: 255, count: 16))
        // The gradient's centre 20 x 20 is columns 10...29, red x * 255 / 39 (whole numbers), in 4 blocks of 5:
        // (65 + 71 + 78 + 85 + 91) / 5 = 78, (98 + 104 + 111 + 117 + 124) / 5 = 110.8, 716 / 5 = 143.2, 881 / 5 = 176.2.
        #expect(Array(dataset.imageBytes(at: 2)[0..<4]) == [78, 111, 143, 176])
        #expect(dataset.imageBytes(at: 2)[16..<48].allSatisfy { $0 == 0 })
    }

    @Test func aFolderWithoutImagesFailsAndWritesNothing() throws {
        let scratch = try TestData.scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        try Self.write(Array("text".utf8), to: scratch + "/in/a/readme.jpg")
        #expect {
            try ImageFolderImport(folder: scratch + "/in", preprocessing: Preprocessing(size: 8)).run(
                writingTo: scratch + "/out.h5")
        } throws: { error in
            "\(error)" == "\(scratch)/in: no image could be read there (1 file skipped)"
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch) == ["in"])
    }

    /// The file is what h5py users expect: uint8 (N, C, H, W), int64 labels, strings, the preprocessing JSON.
    @Test(.enabled(if: Python.has("h5py"))) func h5pyReadsTheLayout() throws {
        let scratch = try TestData.scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let source = try Self.makeFolder(scratch + "/photos", count: 6, jpeg: false)
        _ = try ImageFolderImport(folder: scratch + "/photos", preprocessing: Preprocessing(size: 28, colour: .grey))
            .run(writingTo: scratch + "/out.h5")
        let output = try Python.run(
            """
            import sys, json, h5py
            with h5py.File(sys.argv[1], "r") as f:
                images = f["images"]
                print(images.dtype, images.shape, f["labels"].dtype, f["labels"][:].tolist())
                print(list(f["paths"].asstr()[:]))
                print(list(f["class_names"].asstr()[:]))
                print(json.loads(f.attrs["preprocessing"])["size"], f.attrs["format"], int(f.attrs["channels"]))
                print(int(images[1, 0, 14, 14]))
            """, arguments: [scratch + "/out.h5"])
        let lines = output.split(separator: "\n").map(String.init)
        let dataset = try ImportedDataset(contentsOf: scratch + "/out.h5")
        #expect(lines[0] == "uint8 (7, 1, 28, 28) int64 \(dataset.labels)")
        #expect(lines[1] == "[" + dataset.paths.map { "'\($0)'" }.joined(separator: ", ") + "]")
        #expect(lines[2] == "[" + dataset.classNames.map { "'\($0)'" }.joined(separator: ", ") + "]")
        #expect(lines[3] == "28 latent-imported-images 1")
        let index = try #require(Int(dataset.paths[1].split(separator: "/").last!.prefix(4)))
        #expect(lines[4] == "\(source.bytes[index][14 * 28 + 14])")
    }
}
