import Foundation
import LatentImages
import LatentTestSupport
import Testing

/// What the folder walk lists and what it skips, and why.
@Suite struct ImageFolderTests {
    /// A name in Latin-1 (as old cameras and Windows archives write them) is not UTF-8: Foundation lists it with
    /// U+FFFD, and the walk must say so rather than report the file missing.
    @Test func aNameThatIsNotUTF8IsSkippedWithTheReason() throws {
        let folder = try TestData.scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let latin1Name = Array((folder + "/caf").utf8) + [0xE9] + Array(".png".utf8) + [0]
        let descriptor = latin1Name.withUnsafeBufferPointer { name in
            name.withMemoryRebound(to: CChar.self) { open($0.baseAddress!, O_CREAT | O_WRONLY, 0o644) }
        }
        try #require(descriptor >= 0)
        close(descriptor)
        FileManager.default.createFile(atPath: folder + "/plain.png", contents: Data([1]))
        let walk = try ImageFolder(scanning: folder)
        #expect(walk.entries.map(\.relativePath) == ["plain.png"])
        #expect(
            walk.skipped.map(\.description) == [
                "\(folder)/caf\u{FFFD}.png: cannot read: its name is not valid UTF-8, so it cannot be opened by "
                    + "name; rename it"
            ])
    }
}
