import Foundation
import LatentPictures
import LatentSearchTestSupport
import LatentTestSupport
import Testing

/// `GET /original/ROW`: the photo file the index names for a row, read from the server's photo folder and from
/// nowhere else.
extension SearchServiceTests {
    /// A 2x1 RGB PNG, red then blue.
    static let photo = PNGEncoder.encode([255, 0, 0, 0, 0, 255], channels: 3, width: 2, height: 1) ?? Data()

    @Test func anOriginalIsTheIndexedFileWithItsContentType() async throws {
        let scratch = try ScratchDirectory()
        let folder = scratch.path("photos-root")
        try FileManager.default.createDirectory(
            atPath: folder + "/photos/bags", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(
            atPath: folder + "/photos/shoes", withIntermediateDirectories: true)
        try Self.photo.write(to: URL(fileURLWithPath: folder + "/photos/bags/img 0, ü.png"))
        try Data("not pixels".utf8).write(to: URL(fileURLWithPath: folder + "/photos/shoes/img 1, ü.png"))
        // Outside the folder: a photo that a link and a climbing path in the index both point at.
        try Self.photo.write(to: URL(fileURLWithPath: scratch.path("secret.png")))
        try FileManager.default.createSymbolicLink(
            atPath: folder + "/photos/bags/img 3, ü.png", withDestinationPath: scratch.path("secret.png"))
        var source = SearchFixtures.source()
        source.paths[4] = "../secret.png"
        source.paths[5] = "/etc/passwd"

        try await withServer(photos: folder, source: source) { port, _ in
            #expect(try await LoopbackClient.send("GET", "/health", port: port).json()["originals"] as? Bool == true)
            let original = try await LoopbackClient.send("GET", "/original/0", port: port)
            #expect(original.status == 200)
            #expect(original.headers["content-type"] == "image/png")
            #expect(Data(original.body) == Self.photo)
            let cases = [
                (1, "image 1's file photos/shoes/img 1, ü.png is not a JPEG, PNG, GIF, BMP, TIFF or WebP image"),
                (2, "image 2's photo photos/shoes/img 2, ü.png is not in "),
                (3, "image 3's photo photos/bags/img 3, ü.png is not in "),
                (4, "image 4's photo ../secret.png is not in "),
                (5, "image 5's photo /etc/passwd is not in "),
            ]
            for (row, message) in cases {
                let refused = try await LoopbackClient.send("GET", "/original/\(row)", port: port)
                #expect(refused.status == 404, "row \(row)")
                #expect(refused.headers["content-type"] == "application/json", "row \(row)")
                #expect((try refused.json()["error"] as? String)?.hasPrefix(message) == true, "row \(row)")
            }
            let past = try await LoopbackClient.send("GET", "/original/40", port: port)
            #expect((try past.json()["error"] as? String)?.contains("rows 0 to 39") == true)
        }
    }

    @Test func aServerWithoutAPhotoFolderSaysSo() async throws {
        try await withServer { port, _ in
            #expect(try await LoopbackClient.send("GET", "/health", port: port).json()["originals"] as? Bool == false)
            let reply = try await LoopbackClient.send("GET", "/original/0", port: port)
            #expect(reply.status == 404)
            #expect(
                try reply.json()["error"] as? String == "this server has no photo folder (latent serve --photos FOLDER)"
            )
        }
    }
}
