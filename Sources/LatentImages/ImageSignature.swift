/// What a file's first bytes say it is; JPEG and PNG are read, the others are named in the refusal.
package enum ImageSignature: Equatable {
    case jpeg, png, empty
    case other(String)

    package init(_ bytes: [UInt8]) {
        func starts(with prefix: [UInt8]) -> Bool {
            bytes.count >= prefix.count && Array(bytes.prefix(prefix.count)) == prefix
        }
        if bytes.isEmpty {
            self = .empty
        } else if starts(with: [0xFF, 0xD8, 0xFF]) {
            self = .jpeg
        } else if starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) {
            self = .png
        } else if let format = Self.otherFormats.first(where: { starts(with: $0.prefix) }) {
            self = .other("a \(format.name) file; only JPEG and PNG are read")
        } else {
            let shown = bytes.prefix(4).map { String($0, radix: 16, uppercase: true) }.map {
                $0.count == 1 ? "0" + $0 : $0
            }
            self = .other("it starts with bytes \(shown.joined(separator: " ")), not a JPEG or PNG signature")
        }
    }

    /// Whether `bytes` open a picture: one Latent reads, or one of the formats it names when refusing them.
    package static func isPicture(_ bytes: [UInt8]) -> Bool {
        switch ImageSignature(bytes) {
        case .jpeg, .png: true
        case .empty: false
        case .other: otherFormats.contains { bytes.starts(with: $0.prefix) }
        }
    }

    /// Formats people often have beside their photos, named so the message says what to convert.
    private static let otherFormats: [(name: String, prefix: [UInt8])] = [
        ("GIF", Array("GIF8".utf8)), ("BMP", Array("BM".utf8)), ("TIFF", [0x49, 0x49, 0x2A, 0x00]),
        ("TIFF", [0x4D, 0x4D, 0x00, 0x2A]), ("WebP", Array("RIFF".utf8)),
    ]
}
