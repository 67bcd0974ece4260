import Foundation
import LatentImages
import LatentTestSupport
import Testing

/// Files that are not images, or are damaged, or too large, are refused with an error naming the file and why.
@Suite struct RefusalTests {
    func refusal(_ bytes: [UInt8], limits: DecodeLimits = .standard) -> ImageError? {
        do {
            _ = try ImageDecoder.decode(bytes, name: "photo.jpg", limits: limits)
            return nil
        } catch {
            return error
        }
    }

    static let smallJPEG = JPEGWriter.jpeg(
        width: 16, height: 16, pixels: [UInt8](repeating: 77, count: 16 * 16 * 3), quality: 90)

    @Test func emptyBytes() {
        #expect(refusal([]) == .notAnImage(path: "photo.jpg", reason: "the file is empty"))
    }

    @Test func textNamedJPEG() {
        let error = refusal(Array("hello, world\n".utf8))
        #expect(
            error?.description
                == "photo.jpg: not an image Latent reads: it starts with bytes 68 65 6C 6C, not a signature of JPEG, PNG, "
                + "GIF, BMP, TIFF or WebP")
    }

    @Test func phonePicturesAreNamed() {
        // An ISO media file's first box: its size, "ftyp", then the brand.
        let heic: [UInt8] = [0, 0, 0, 24] + Array("ftypheic".utf8) + [0, 0, 0, 0]
        #expect(
            refusal(heic)?.description.contains("a HEIC file; Latent reads JPEG, PNG, GIF, BMP, TIFF or WebP") == true)
        let avif: [UInt8] = [0, 0, 0, 24] + Array("ftypavif".utf8) + [0, 0, 0, 0]
        #expect(refusal(avif)?.description.contains("an AVIF file") == true)
    }

    @Test func truncatedJPEG() {
        // Busy pixels, so that most of the file is scan data and the cut falls inside it.
        let busy = JPEGWriter.jpeg(
            width: 64, height: 64, pixels: (0..<(64 * 64 * 3)).map { UInt8($0 * 7919 % 256) }, quality: 90)
        let error = refusal(Array(busy.prefix(busy.count * 2 / 3)))
        guard case .damaged(let path, let reason)? = error else {
            Issue.record("expected damaged, got \(String(describing: error))")
            return
        }
        #expect(path == "photo.jpg")
        #expect(reason.contains("Premature end of JPEG file"))
    }

    @Test func jpegCutInsideItsHeader() {
        guard case .damaged? = refusal(Array(Self.smallJPEG.prefix(40))) else {
            Issue.record("expected damaged")
            return
        }
    }

    @Test func truncatedPNG() {
        let png = PNGWriter.png(width: 16, height: 16, colourType: .rgb, samples: (0..<(16 * 16 * 3)).map { $0 % 251 })
        let error = refusal(Array(png.prefix(png.count - 30)))
        guard case .damaged(_, let reason)? = error else {
            Issue.record("expected damaged, got \(String(describing: error))")
            return
        }
        #expect(reason.hasPrefix("libpng: "))
    }

    @Test func pngBombRefusedByHeader() {
        let error = refusal(PNGWriter.header(width: 100_000, height: 100_000))
        #expect(error == .tooManyPixels(path: "photo.jpg", width: 100_000, height: 100_000, limit: 50_000_000))
        #expect(error?.description.contains("decompression bomb") == true)
    }

    /// A real JPEG whose frame header (SOF) is patched to declare 60000 x 60000 pixels.
    @Test func jpegBombRefusedByHeader() throws {
        var bytes = Self.smallJPEG
        let sof = try #require((0..<(bytes.count - 1)).first { bytes[$0] == 0xFF && bytes[$0 + 1] == 0xC0 })
        bytes[sof + 5] = 0xEA
        bytes[sof + 6] = 0x60  // height 60000
        bytes[sof + 7] = 0xEA
        bytes[sof + 8] = 0x60  // width 60000
        #expect(refusal(bytes) == .tooManyPixels(path: "photo.jpg", width: 60000, height: 60000, limit: 50_000_000))
    }

    @Test func limitsAreOptions() {
        let png = PNGWriter.png(width: 10, height: 10, colourType: .grey, samples: [Int](repeating: 1, count: 100))
        #expect(
            refusal(png, limits: DecodeLimits(maxPixels: 99, maxBytes: 1 << 20))
                == .tooManyPixels(path: "photo.jpg", width: 10, height: 10, limit: 99))
        #expect(
            refusal(png, limits: DecodeLimits(maxPixels: 100, maxBytes: 20))
                == .tooManyBytes(path: "photo.jpg", bytes: png.count, limit: 20))
        #expect(refusal(png, limits: DecodeLimits(maxPixels: 100, maxBytes: 1 << 20)) == nil)
    }

    @Test func foldersPipesAndMissingFilesAreUnreadable() throws {
        let folder = try TestData.scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(mkfifo(folder + "/pipe.jpg", 0o644) == 0)
        try FileManager.default.createDirectory(atPath: folder + "/folder.png", withIntermediateDirectories: false)
        func reason(_ path: String) -> String? {
            do {
                _ = try ImageDecoder.decode(contentsOf: path)
                return nil
            } catch { return error.reason }
        }
        #expect(reason(folder + "/pipe.jpg") == "cannot read: it is not a regular file")  // and does not block
        #expect(reason(folder + "/folder.png") == "cannot read: it is a directory")
        #expect(reason(folder + "/missing.png") == "cannot read: No such file or directory")
    }
}
