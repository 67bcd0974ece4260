import Foundation
import LatentTestSupport

/// Real photographs with copies: six of scikit-image's sample photos (the near-duplicate fixtures), the edited
/// copies of two (cropped, resized, brighter or darker, JPEG quality 50) and a byte copy of a third.
package enum PhotoCopies {
    package static let fixtures = "\(TestData.repositoryRoot)/Tests/BadInput/files/near-duplicate"

    /// The groups a duplicate finder should see in `folder()`, by file name, largest then first name first.
    package static let groups = [
        ["chelsea--plain.jpg", "chelsea.jpg"], ["coffee-again.jpg", "coffee.jpg"], ["coins--plain.jpg", "coins.jpg"],
    ]

    /// A scratch folder (the caller removes it) of the six originals, `chelsea--plain.jpg` and `coins--plain.jpg`,
    /// and `coffee-again.jpg`, the same bytes as `coffee.jpg`: nine files.
    package static func folder() throws -> String {
        let folder = try TestData.scratchDirectory()
        let files = FileManager.default
        for name in try files.contentsOfDirectory(atPath: fixtures + "/originals") {
            try files.copyItem(atPath: "\(fixtures)/originals/\(name)", toPath: "\(folder)/\(name)")
        }
        for name in ["chelsea--plain.jpg", "coins--plain.jpg"] {
            try files.copyItem(atPath: "\(fixtures)/copies/\(name)", toPath: "\(folder)/\(name)")
        }
        try files.copyItem(atPath: "\(fixtures)/originals/coffee.jpg", toPath: "\(folder)/coffee-again.jpg")
        return folder
    }

    /// Runs `body` with `folder()` and an empty scratch folder for what it writes, and removes both after.
    package static func withFolders(_ body: (_ photos: String, _ output: String) throws -> Void) throws {
        let photos = try folder()
        defer { try? FileManager.default.removeItem(atPath: photos) }
        let output = try TestData.scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: output) }
        try body(photos, output)
    }
}
