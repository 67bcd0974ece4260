/// What a file's first bytes say it is: one of the formats Latent reads, or a named one it refuses (HEIC, AVIF).
package enum ImageSignature: Equatable {
    case jpeg, png, gif, bmp, tiff, webp, empty
    case other(String)

    /// The formats read, as messages list them.
    package static let formatsRead = "JPEG, PNG, GIF, BMP, TIFF or WebP"

    package init(_ bytes: [UInt8]) {
        func has(_ expected: [UInt8], at offset: Int = 0) -> Bool {
            bytes.count >= offset + expected.count && Array(bytes[offset..<(offset + expected.count)]) == expected
        }
        if bytes.isEmpty {
            self = .empty
        } else if has([0xFF, 0xD8, 0xFF]) {
            self = .jpeg
        } else if has([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) {
            self = .png
        } else if has(Array("GIF87a".utf8)) || has(Array("GIF89a".utf8)) {
            self = .gif
        } else if has(Array("BM".utf8)), bytes.count >= 18, Self.bmpHeaderSizes.contains(bytes[14]),
            bytes[15...17].allSatisfy({ $0 == 0 })
        {
            self = .bmp
        } else if has([0x49, 0x49, 0x2A, 0x00]) || has([0x4D, 0x4D, 0x00, 0x2A]) {
            self = .tiff
        } else if has(Array("RIFF".utf8)), has(Array("WEBP".utf8), at: 8) {
            self = .webp
        } else if let format = Self.refusedFormat(bytes) {
            self = .other("\(format) file; Latent reads \(Self.formatsRead), so convert it to one of them")
        } else {
            let shown = bytes.prefix(4).map { String($0, radix: 16, uppercase: true) }.map {
                $0.count == 1 ? "0" + $0 : $0
            }
            self = .other(
                "it starts with bytes \(shown.joined(separator: " ")), not a signature of \(Self.formatsRead)")
        }
    }

    /// The media type HTTP names a format Latent reads by (`image/jpeg`); `nil` for any other file.
    package var mediaType: String? {
        switch self {
        case .jpeg: "image/jpeg"
        case .png: "image/png"
        case .gif: "image/gif"
        case .bmp: "image/bmp"
        case .tiff: "image/tiff"
        case .webp: "image/webp"
        case .empty, .other: nil
        }
    }

    /// Whether `bytes` open a picture: one Latent reads, or one of the formats it names when refusing them.
    package static func isPicture(_ bytes: [UInt8]) -> Bool {
        switch ImageSignature(bytes) {
        case .jpeg, .png, .gif, .bmp, .tiff, .webp: true
        case .empty: false
        case .other: refusedFormat(bytes) != nil
        }
    }

    /// The sizes of the header that follows a BMP's file header (a 32-bit little-endian number at offset 14), one per
    /// version Windows and OS/2 wrote: "BM" alone is two letters a text file may start with.
    private static let bmpHeaderSizes: Set<UInt8> = [12, 40, 52, 56, 64, 108, 124]

    /// HEIC and AVIF, which phones save, with their article, so that the message says what the file is: an ISO media
    /// file whose `ftyp` box names the brand at offset 8.
    private static func refusedFormat(_ bytes: [UInt8]) -> String? {
        guard bytes.count >= 12, Array(bytes[4..<8]) == Array("ftyp".utf8) else { return nil }
        switch String(decoding: bytes[8..<12], as: UTF8.self) {
        case "heic", "heix", "hevc", "heim", "heis": return "a HEIC"
        case "mif1", "msf1": return "a HEIF"
        case "avif", "avis": return "an AVIF"
        default: return nil
        }
    }
}
