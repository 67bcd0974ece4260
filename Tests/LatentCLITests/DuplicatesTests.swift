import ArgumentParser
import Foundation
import LatentImages
import LatentSearchTestSupport
import Testing

@testable import latent

/// `latent duplicates`: the same groups from a folder and from its index, and the table and picture they write.
@Suite struct DuplicatesTests {
    @Test func aFolderWritesItsGroupsAsATableAndAPicture() throws {
        try PhotoCopies.withFolders { folder, output in
            try Duplicates.parse([folder, "--table", output + "/groups.csv", "--picture", output + "/groups.png"]).run()
            let rows = try String(contentsOfFile: output + "/groups.csv", encoding: .utf8).split(separator: "\n")
                .map { $0.split(separator: ",").map(String.init) }
            try #require(rows.count == 7)
            #expect(rows[0] == ["group", "path", "distance"])
            let members = rows.dropFirst().map { [$0[0], ($0[1] as NSString).lastPathComponent] }
            #expect(
                members
                    == PhotoCopies.groups.enumerated().flatMap { number, names in names.map { ["\(number + 1)", $0] } })
            // The first of each group and the byte copy are at 0, the edited copies between 0.001 and the threshold.
            let distances = rows.dropFirst().map { Float($0[2]) ?? -1 }
            #expect([distances[0], distances[2], distances[3], distances[4]] == [0, 0, 0, 0])
            for edited in [distances[1], distances[5]] {
                #expect(edited > 0.001 && edited <= Duplicates.defaultThreshold)
            }
            // Three rows of 64-pixel thumbnails, each with two caption lines of 12 pixels and margins of 6.
            let picture = try ImageDecoder.decode(contentsOf: output + "/groups.png")
            #expect(picture.height == 6 + 3 * (64 + 2 * 12 + 2 * 6))
        }
    }

    @Test func anIndexGivesTheFoldersGroups() throws {
        try PhotoCopies.withFolders { folder, output in
            try Import.parse([folder, "--size", "64", "--colour", "rgb", "--out", output + "/photos.h5"]).run()
            try IndexBuild.parse(["--data", output + "/photos.h5", "--colour-edges", "--out", output + "/index.h5"])
                .run()
            try Duplicates.parse([output + "/index.h5", "--table", output + "/from-index.csv"]).run()
            try Duplicates.parse([folder, "--table", output + "/from-folder.csv"]).run()
            let fromIndex = try String(contentsOfFile: output + "/from-index.csv", encoding: .utf8)
            let fromFolder = try String(contentsOfFile: output + "/from-folder.csv", encoding: .utf8)
            // The index names its photos relative to the imported folder; the codes, and so the distances, are the same.
            #expect(fromIndex == fromFolder.replacingOccurrences(of: folder + "/", with: ""))
        }
    }

    @Test(arguments: [
        (["nowhere-\(getpid())"], "nowhere-\(getpid()): no such folder or file"),
        (["."] + ["--threshold", "nan"], "--threshold must be a finite number, zero or more; got nan"),
        (["."] + ["--threshold=-0.5"], "--threshold must be a finite number, zero or more; got -0.5"),
        (["."] + ["--threshold", "inf"], "--threshold must be a finite number, zero or more; got inf"),
    ])
    func badArgumentsAreNamed(arguments: [String], message: String) {
        #expect(Duplicates.message(for: ValidationError(message)) == Duplicates.message(for: catching(arguments)))
    }

    private func catching(_ arguments: [String]) -> any Error {
        do {
            _ = try Duplicates.parse(arguments)
            return ValidationError("parsed")
        } catch {
            return error
        }
    }
}
