import ArgumentParser
import Foundation
import LatentCore
import Testing

@testable import latent

/// `latent search --images DIR`: one index load for a folder of queries, the same answers as one `--image` call per
/// file, and a file that is not an image named and skipped.
@Suite struct SearchFolderTests {
    /// The repository's image fixtures: JPEGs and PNGs, colour and grey, one with an EXIF rotation.
    static let fixtures = [
        "import/good.jpg", "import/good.png", "import/rotated.jpg", "search/train-1.png", "search/train-3.png",
    ]

    static var filesFolder: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("BadInput/files").path
    }

    @Test func aFolderAnswersAsOneCallPerFileAndNamesTheBadFile() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("search-folder-\(getpid())").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        let (photos, queries) = (root + "/photos", root + "/queries")
        for folder in [photos, queries] {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        }
        for (number, fixture) in Self.fixtures.enumerated() {
            let name = "\(number)-" + (fixture as NSString).lastPathComponent
            for folder in [photos, queries] {
                try FileManager.default.copyItem(atPath: Self.filesFolder + "/" + fixture, toPath: folder + "/" + name)
            }
        }
        try FileManager.default.copyItem(atPath: Self.filesFolder + "/import/text.jpg", toPath: queries + "/9-text.jpg")
        try Import.parse([photos, "--size", "16", "--out", root + "/photos.h5"]).run()
        try IndexBuild.parse(["--data", root + "/photos.h5", "--pca", "3", "--out", root + "/index.h5"]).run()

        var oneByOne = ["query,reference,label,distance,rank,copies"]
        for number in Self.fixtures.indices {
            let name = "\(number)-" + (Self.fixtures[number] as NSString).lastPathComponent
            try SearchImages.parse([
                "--index", root + "/index.h5", "--image", queries + "/" + name, "--k", "3", "--table",
                root + "/one.csv",
            ]).run()
            oneByOne += try String(contentsOfFile: root + "/one.csv", encoding: .utf8).split(separator: "\n")
                .dropFirst()
                .map(String.init)
        }
        let batch = try SearchImages.parse([
            "--index", root + "/index.h5", "--images", queries, "--k", "3", "--table", root + "/all.csv",
        ])
        #expect(throws: LatentError("--images \(queries): 1 of 6 files could not be searched: \(queries)/9-text.jpg")) {
            try batch.run()
        }
        let all = try String(contentsOfFile: root + "/all.csv", encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(all.count == 1 + 3 * Self.fixtures.count)
        // The same neighbours in the same order; a distance may differ in its last bits, as a batch of queries goes
        // through other sgemm kernels than one query does.
        #expect(all.count == oneByOne.count)
        for (batched, single) in zip(all.dropFirst(), oneByOne.dropFirst()) {
            let (b, s) = (
                batched.split(separator: ",", omittingEmptySubsequences: false),
                single.split(separator: ",", omittingEmptySubsequences: false)
            )
            #expect(b[0] == s[0] && b[1] == s[1] && b[4] == s[4], "\(batched) against \(single)")
            #expect(abs((Float(b[3]) ?? .nan) - (Float(s[3]) ?? .nan)) < 1e-5, "\(batched) against \(single)")
        }
        // Each fixture finds itself first.
        for number in Self.fixtures.indices {
            #expect(all[1 + 3 * number].split(separator: ",")[1].hasPrefix("\(number)-"))
        }
    }

    @Test(arguments: [
        ([], "give the query: --image FILE, or --images DIR"),
        (["--image", "a.jpg", "--images", "."], "give --image FILE or --images DIR, not both"),
        (["--images", "/no/such/folder"], "--images /no/such/folder: no such folder"),
    ])
    func badQueriesAreRefusedByName(arguments: [String], message: String) {
        // Any readable file passes --index's check, which runs first; the index is read only by run().
        let index = ["--index", Self.filesFolder + "/search/train-1.png"]
        #expect(
            performing: { _ = try SearchImages.parse(index + arguments) },
            throws: { error in
                SearchImages.message(for: error).contains(message)
            })
    }
}
