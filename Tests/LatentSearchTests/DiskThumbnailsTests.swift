import Foundation
import LatentCore
import LatentRetrieval
import LatentSearch
import LatentSearchTestSupport
import LatentStorage
import LatentTestSupport
import Synchronization
import Testing

/// Thumbnails stay in the index file, read a few at a time when a page or a picture needs them.
@Suite struct DiskThumbnailsTests {
    /// 300 RGB images of 8 x 8: 21 thumbnails to a chunk of about 4 KB, so the rows span 15 chunks.
    static let count = 300

    /// An index of `count` images whose thumbnails are held in memory, and those thumbnails' bytes.
    static func indexInMemory() throws -> (index: ImageIndex, bytes: [UInt8]) {
        let built = try ImageIndexBuilder.build(
            SearchFixtures.source(count: count, side: 8), codes: .pixels, metric: .squaredL2)
        let bytes = try built.thumbnails.thumbnails(0..<count)
        let thumbnails = try ThumbnailSet(count: count, height: 8, width: 8, channels: 3, pixels: bytes)
        let index = try ImageIndex(
            codes: built.codes, metric: built.metric, codeSpace: built.codeSpace, preprocessing: built.preprocessing,
            channels: 3, height: 8, width: 8, paths: built.paths, labels: built.labels, classNames: built.classNames,
            thumbnails: thumbnails)
        return (index, bytes)
    }

    @Test func aThumbnailReadFromDiskEqualsTheOneInMemoryByteForByte() throws {
        let folder = try TestData.scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let (index, bytes) = try Self.indexInMemory()
        let path = folder + "/photos.index.h5"
        try index.save(to: path)
        let loaded = try ImageIndex.load(from: path)
        guard case .store = loaded.thumbnails.bytes else {
            Issue.record("a loaded index holds its thumbnails in memory")
            return
        }
        let size = 8 * 8 * 3
        for row in [0, 1, 20, 21, 22, 147, 293, 294, 299] {
            #expect(try loaded.thumbnails.thumbnail(row) == Array(bytes[(row * size)..<((row + 1) * size)]))
        }
        #expect(try loaded.thumbnails.thumbnails(15..<50) == Array(bytes[(15 * size)..<(50 * size)]))
        #expect(try loaded.thumbnails.thumbnails(0..<Self.count) == bytes)
        // Saving a loaded index copies its thumbnails from the file it came from, chunk for chunk.
        try loaded.save(to: folder + "/again.index.h5")
        #expect(try ImageIndex.load(from: folder + "/again.index.h5").thumbnails.thumbnails(0..<Self.count) == bytes)
    }

    @Test func readsFromManyThreadsAtOnceGiveTheRightBytes() throws {
        let folder = try TestData.scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let (index, bytes) = try Self.indexInMemory()
        let path = folder + "/photos.index.h5"
        try index.save(to: path)
        let thumbnails = try ImageIndex.load(from: path).thumbnails
        let (threads, readsEach, size) = (8, 400, 8 * 8 * 3)
        // Per thread: the rows it read wrongly, or -1 for a read that failed.
        let wrong = Mutex([Int](repeating: 0, count: threads))
        DispatchQueue.concurrentPerform(iterations: threads) { thread in
            var generator = SeededGenerator(seed: UInt64(thread))
            var mistakes = 0
            for _ in 0..<readsEach {
                let row = Int.random(in: 0..<Self.count, using: &generator)
                guard let read = try? thumbnails.thumbnail(row) else {
                    mistakes = -1
                    break
                }
                if read != Array(bytes[(row * size)..<((row + 1) * size)]) { mistakes += 1 }
            }
            wrong.withLock { $0[thread] = mistakes }
        }
        #expect(wrong.withLock { $0 } == Array(repeating: 0, count: threads))
    }

    @Test func aBuildLeavesNoScratchFileBehind() throws {
        let folder = try TestData.scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let index = try ImageIndexBuilder.build(
            SearchFixtures.source(count: 50), codes: .pixels, metric: .squaredL2, thumbnailSide: 3, chunkRows: 7,
            scratchFolder: folder)
        // The scratch file was unlinked as soon as it was made, yet the index reads its thumbnails from it.
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty)
        #expect(try index.thumbnails.thumbnails(0..<50).count == 50 * 3 * 3 * 3)
    }

    @Test func aScratchFolderThatIsMissingIsNamed() throws {
        let folder = try TestData.scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(throws: LatentError("\(folder)/missing: cannot create a scratch file there: No such file or directory"))
        {
            try ImageIndexBuilder.build(
                SearchFixtures.source(count: 5), codes: .pixels, metric: .squaredL2, scratchFolder: folder + "/missing")
        }
    }
}
