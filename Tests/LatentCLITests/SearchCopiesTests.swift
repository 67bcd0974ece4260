import Foundation
import LatentSearchTestSupport
import Testing

@testable import latent

/// `latent search` answers files holding the same image as one result, with the others in its copies column.
@Suite struct SearchCopiesTests {
    @Test func aByteCopyIsOneResultWithTheOtherInItsCopies() throws {
        try PhotoCopies.withFolders { folder, output in
            try Import.parse([folder, "--size", "64", "--colour", "rgb", "--out", output + "/photos.h5"]).run()
            try IndexBuild.parse(["--data", output + "/photos.h5", "--colour-edges", "--out", output + "/index.h5"])
                .run()
            try SearchImages.parse([
                "--index", output + "/index.h5", "--image", folder + "/coffee.jpg", "--k", "3", "--table",
                output + "/found.csv",
            ]).run()
            let rows = try String(contentsOfFile: output + "/found.csv", encoding: .utf8).split(separator: "\n")
                .map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
            #expect(rows.first == ["query", "reference", "label", "distance", "rank", "copies"])
            // Three different images: coffee's two files first (the lower row stands for both), then two others.
            #expect(rows.count == 4)
            #expect(rows[1][1] == "coffee-again.jpg" && rows[1][5] == "coffee.jpg")
            #expect(rows.dropFirst(2).map { $0[5] } == ["", ""])
            #expect(rows.dropFirst(2).allSatisfy { !$0[1].hasPrefix("coffee") })
        }
    }
}
