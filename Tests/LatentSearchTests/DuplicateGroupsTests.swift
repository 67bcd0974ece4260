import Foundation
import LatentCore
import LatentImages
import LatentRetrieval
import LatentSearch
import LatentSearchTestSupport
import LatentTestSupport
import Testing

/// Duplicate groups among real photographs and their copies (`PhotoCopies`).
@Suite struct DuplicateGroupsTests {
    /// The folder's index, coded as `latent duplicates` codes a folder.
    static func index(of folder: String) throws -> ImageIndex {
        try PhotoFolderIndex.build(
            folder: folder, preprocessing: Preprocessing(size: 64, colour: .rgb), codes: .colourAndEdges(bins: 8),
            metric: .cosine)
    }

    /// The file names of each group's members.
    static func names(_ groups: [DuplicateGroup], in index: ImageIndex) -> [[String]] {
        groups.map { $0.rows.map { (index.paths[$0] as NSString).lastPathComponent } }
    }

    @Test func eachPhotoIsGroupedWithItsCopiesAndNothingElse() throws {
        let folder = try PhotoCopies.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let index = try Self.index(of: folder)
        #expect(index.count == 9)
        #expect(index.paths[2] == folder + "/chelsea--plain.jpg")
        let groups = try index.duplicateGroups(threshold: 0.03)
        #expect(Self.names(groups, in: index) == PhotoCopies.groups)
        // Each member's distance to the first: 0 for the first and for the byte copy, a few hundredths for an edit.
        #expect(groups.map { $0.distances[0] } == [0, 0, 0])
        #expect(groups[1].distances[1] == 0)
        for edited in [groups[0], groups[2]] { #expect(edited.distances[1] > 0.001 && edited.distances[1] <= 0.03) }
        // The HNSW graph finds the same pairs on a set this small.
        #expect(try index.withGraph(HNSWGraph.Parameters()).duplicateGroups(threshold: 0.03) == groups)
    }

    @Test func aPairJoinsAtItsDistanceAndNotJustBelowIt() throws {
        let folder = try PhotoCopies.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let index = try Self.index(of: folder)
        // Rows 2 and 3: chelsea's copy and chelsea; the pair's distance as the search measures it either way.
        let searched = try index.search(index.codes.rows(2..<4), k: 2)
        let distance = min(
            searched[0].first { $0.row == 3 }?.distance ?? .infinity,
            searched[1].first { $0.row == 2 }?.distance ?? .infinity)
        #expect(distance > 0.001 && distance < 0.03)
        let joined = try index.duplicateGroups(threshold: distance)
        #expect(Self.names(joined, in: index).contains(["chelsea--plain.jpg", "chelsea.jpg"]))
        let apart = try index.duplicateGroups(threshold: distance.nextDown)
        #expect(!Self.names(apart, in: index).contains(["chelsea--plain.jpg", "chelsea.jpg"]))
        // At 0 only the byte copy remains, identical codes whatever their rounding.
        #expect(Self.names(try index.duplicateGroups(threshold: 0), in: index) == [["coffee-again.jpg", "coffee.jpg"]])
        // Far enough, everything is one group, the first row first.
        let everything = try index.duplicateGroups(threshold: 2)
        #expect(everything.map(\.rows) == [Array(0..<9)])
    }

    @Test func aThresholdThatIsNotAFiniteNonNegativeNumberIsRefused() throws {
        let folder = try PhotoCopies.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let index = try Self.index(of: folder)
        for threshold in [-0.01, Float.nan, .infinity] {
            #expect(
                throws: LatentError("the duplicate threshold must be a finite number, zero or more; got \(threshold)")
            ) {
                try index.duplicateGroups(threshold: threshold)
            }
        }
    }

    @Test func aFolderWithoutImagesIsNamed() throws {
        let folder = try TestData.scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(throws: SearchError("\(folder): the folder holds no files")) { try Self.index(of: folder) }
        try Data("not a photo".utf8).write(to: URL(fileURLWithPath: folder + "/notes.jpg"))
        var skipped: [String] = []
        #expect(throws: SearchError("\(folder): no image could be read there (1 file skipped)")) {
            try PhotoFolderIndex.build(
                folder: folder, preprocessing: Preprocessing(size: 64), codes: .colourAndEdges(bins: 8),
                metric: .cosine, skipped: { skipped.append($0.path) })
        }
        #expect(skipped == [folder + "/notes.jpg"])
    }
}
