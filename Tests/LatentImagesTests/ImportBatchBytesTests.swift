import Foundation
import LatentData
import LatentImages
import LatentTestSupport
import Testing

/// The bound on a batch's bytes changes how many files are decoded at a time, never what is written.
@Suite struct ImportBatchBytesTests {
    /// 1 byte: one file a batch; 3 images' bytes: batches of three, with the unreadable files inside batches.
    @Test(arguments: [1, 3 * 28 * 28])
    func aSmallBatchWritesTheSameImages(batchBytes: Int) throws {
        let scratch = try TestData.scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        _ = try FolderImportTests.makeFolder(scratch + "/photos", count: 20, jpeg: false)
        let preprocessing = Preprocessing(size: 28, colour: .grey)
        var batches: [Int] = []
        let small = try ImageFolderImport(
            folder: scratch + "/photos", preprocessing: preprocessing, batchBytes: batchBytes
        )
        .run(writingTo: scratch + "/small.h5", progress: { done, _ in batches.append(done) })
        let large = try ImageFolderImport(folder: scratch + "/photos", preprocessing: preprocessing)
            .run(writingTo: scratch + "/large.h5")

        #expect(small.imported == 21)
        #expect(small.skipped.count == 2)
        #expect(small.skipped.map(\.path) == large.skipped.map(\.path))
        let step = max(1, batchBytes / (28 * 28))
        #expect(batches == Array(stride(from: step, to: 23, by: step)) + [23])  // 23 files, the skipped included
        let (smallFile, largeFile) = try (
            ImportedImageFile(contentsOf: scratch + "/small.h5"), ImportedImageFile(contentsOf: scratch + "/large.h5")
        )
        let bytes = try smallFile.bytes(rows: 0..<21)
        #expect(bytes == (try largeFile.bytes(rows: 0..<21)))
        #expect(bytes.count == 21 * 28 * 28)
        #expect(Set(bytes).count > 100)  // real pictures, not one colour
        #expect(smallFile.paths == largeFile.paths)
        #expect(smallFile.labels == largeFile.labels)
    }
}
