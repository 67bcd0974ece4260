import Foundation
import LatentImages
import LatentTestSupport
import Testing

/// GIF, BMP, TIFF and WebP: one real photo saved in each by Pillow (see `Tests/BadInput/files/formats/README.md`)
/// reads as the same pixels as its PNG, and a damaged or oversized file is refused by name.
@Suite struct FormatTests {
    static let folder = TestData.repositoryRoot + "/Tests/BadInput/files/formats/"

    static func bytes(_ file: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: URL(fileURLWithPath: folder + file)))
    }

    @Test(arguments: ["photo.gif", "photo.bmp", "photo.tiff", "photo-lossless.webp"])
    func losslessFormatsGiveThePNGsPixels(file: String) throws {
        let reference = try ImageDecoder.decode(contentsOf: Self.folder + "photo.png")
        let image = try ImageDecoder.decode(contentsOf: Self.folder + file)
        #expect((image.width, image.height) == (40, 27))
        #expect(image == reference)
    }

    @Test func lossyWebPStaysCloseToThePNG() throws {
        let reference = try ImageDecoder.decode(contentsOf: Self.folder + "photo.png")
        let image = try ImageDecoder.decode(contentsOf: Self.folder + "photo.webp")
        #expect((image.width, image.height) == (40, 27))
        let differences = zip(image.rgb, reference.rgb).map { abs(Int($0) - Int($1)) }
        let mean = Double(differences.reduce(0, +)) / Double(differences.count)
        // Measured with libwebp 1.2.4 on Pillow's quality 90: mean 3.0 levels, largest 21.
        #expect(mean < 5)
        #expect(mean > 0.5)  // Lossy: a decoder that returned the PNG's pixels would be reading the wrong file.
        #expect(differences.max() ?? 0 <= 40)
    }

    @Test(arguments: ["photo.gif", "photo.bmp", "photo.tiff", "photo.webp", "photo-lossless.webp"])
    func truncatedFilesAreRefusedByName(file: String) throws {
        let whole = try Self.bytes(file)
        do {
            _ = try ImageDecoder.decode(Array(whole.prefix(whole.count * 2 / 3)), name: file)
            Issue.record("\(file) cut at two thirds was decoded")
        } catch {
            guard case .damaged(let path, let reason) = error else {
                Issue.record("expected damaged, got \(error)")
                return
            }
            #expect(path == file)
            #expect(!reason.isEmpty)
        }
    }

    @Test(arguments: ["photo.gif", "photo.bmp", "photo.tiff", "photo.webp"])
    func sizeIsCheckedFromTheHeader(file: String) throws {
        let limits = DecodeLimits(maxPixels: 1000, maxBytes: 1 << 20)
        #expect(throws: ImageError.tooManyPixels(path: file, width: 40, height: 27, limit: 1000)) {
            try ImageDecoder.decode(Self.bytes(file), name: file, limits: limits)
        }
    }

    @Test func textStartingWithBMIsNotABitmap() {
        let error = #expect(throws: ImageError.self) {
            try ImageDecoder.decode(Array("BMW service notes, May 2024".utf8), name: "notes.bmp")
        }
        #expect(
            error?.description.hasPrefix("notes.bmp: not an image Latent reads: it starts with bytes 42 4D 57 20")
                == true)
    }
}
