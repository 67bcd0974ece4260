import Foundation
import LatentData
import LatentImages
import LatentTestSupport
import Testing

/// A dataset written out by `ImageFolderExport` and read back by `ImageFolderImport` is the same dataset.
@Suite struct FolderExportTests {
    static let tiny = TestData.repositoryRoot + "/Tests/BadInput/files/tiny"

    @Test func exportThenImportGivesTheSameImagesAndClasses() throws {
        let scratch = try ScratchDirectory()
        let test = try KnownDataset.fashionMNIST.load(.test, from: Self.tiny)
        let export = ImageFolderExport(test, perClass: 3, prefix: "test")
        let summary = try export.run(into: scratch.path("shop/photos/"))

        let available = test.classNames.indices.map { label in test.labels.count { $0 == label } }
        #expect(summary.perClass == available.map { min($0, 3) })
        #expect(summary.written == export.rows.count && summary.written == summary.perClass.reduce(0, +))
        #expect(export.relativePath(of: 0) == "Ankle boot/test-00000.png")
        // The staging folder is gone; only the export is there.
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.path("shop")) == ["photos"])

        try ImageFolderImport(
            folder: scratch.path("shop/photos"), preprocessing: Preprocessing(size: 28, colour: .grey)
        )
        .run(writingTo: scratch.path("shop.h5"))
        let imported = try ImportedDataset(contentsOf: scratch.path("shop.h5"))
        #expect(imported.count == export.rows.count)
        #expect(imported.classNames.contains("T-shirt-top"))
        let rowsByPath = Dictionary(uniqueKeysWithValues: export.rows.map { (export.relativePath(of: $0), $0) })
        for (position, path) in imported.paths.enumerated() {
            let row = try #require(rowsByPath[path], "\(path) was not exported")
            let className = ImageFolderExport.folderName(of: test.classNames[test.labels[row]])
            #expect(imported.classNames[imported.labels[position]] == className)
            let original = (0..<test.pixelsPerImage).map {
                UInt8((test.images[element: row * test.pixelsPerImage + $0] * 255).rounded())
            }
            #expect(imported.imageBytes(at: position) == original, "\(path)")  // bit for bit
        }
    }

    @Test func aFolderWithAnythingInItIsLeftAlone() throws {
        let scratch = try ScratchDirectory()
        let train = try KnownDataset.fashionMNIST.load(.train, from: Self.tiny)
        try FileManager.default.createDirectory(atPath: scratch.path("photos"), withIntermediateDirectories: true)
        try Data("mine".utf8).write(to: URL(fileURLWithPath: scratch.path("photos/keep.txt")))
        let error = try #require(throws: DataError.self) {
            try ImageFolderExport(train, perClass: 1, prefix: "train").run(into: scratch.path("photos"))
        }
        #expect("\(error)".contains("already holds 1 entry"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.path("photos")) == ["keep.txt"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.path).sorted() == ["photos"])
    }
}
