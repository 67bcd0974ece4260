import CZlib

/// Writes PNG files of any colour type and bit depth, chunk by chunk, so the tests can feed the decoder
/// files that the project's own encoder never makes (palette, 16-bit, grey with alpha, 1-bit).
enum PNGWriter {
    enum ColourType: UInt8 {
        case grey = 0
        case rgb = 2
        case palette = 3
        case greyAlpha = 4
        case rgba = 6

        var samplesPerPixel: Int {
            switch self {
            case .grey, .palette: return 1
            case .greyAlpha: return 2
            case .rgb: return 3
            case .rgba: return 4
            }
        }
    }

    /// A PNG whose samples are given one per array element (16-bit samples as 0...65535), row by row.
    static func png(
        width: Int, height: Int, colourType: ColourType, bitDepth: Int = 8, samples: [Int],
        palette: [(UInt8, UInt8, UInt8)] = [], paletteAlpha: [UInt8] = []
    ) -> [UInt8] {
        precondition(samples.count == width * height * colourType.samplesPerPixel)
        var raw: [UInt8] = []
        let rowSamples = width * colourType.samplesPerPixel
        for y in 0..<height {
            raw.append(0)  // filter type: none
            raw += pack(Array(samples[(y * rowSamples)..<((y + 1) * rowSamples)]), bitDepth: bitDepth)
        }
        var file: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        file += chunk(
            "IHDR", bigEndian32(width) + bigEndian32(height) + [UInt8(bitDepth), colourType.rawValue, 0, 0, 0])
        if !palette.isEmpty { file += chunk("PLTE", palette.flatMap { [$0.0, $0.1, $0.2] }) }
        if !paletteAlpha.isEmpty { file += chunk("tRNS", paletteAlpha) }
        file += chunk("IDAT", deflate(raw))
        file += chunk("IEND", [])
        return file
    }

    /// A PNG header that declares `width` x `height` pixels followed by a few bytes of data: a bomb.
    static func header(width: Int, height: Int) -> [UInt8] {
        [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
            + chunk("IHDR", bigEndian32(width) + bigEndian32(height) + [8, 2, 0, 0, 0])
            + chunk("IDAT", deflate([0, 0, 0, 0])) + chunk("IEND", [])
    }

    private static func pack(_ samples: [Int], bitDepth: Int) -> [UInt8] {
        switch bitDepth {
        case 16: return samples.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        case 8: return samples.map { UInt8($0) }
        default:
            var bytes: [UInt8] = []
            var current = 0
            var bits = 0
            for sample in samples {
                current = current << bitDepth | sample
                bits += bitDepth
                if bits == 8 {
                    bytes.append(UInt8(current))
                    (current, bits) = (0, 0)
                }
            }
            if bits > 0 { bytes.append(UInt8(current << (8 - bits))) }
            return bytes
        }
    }

    private static func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
        let body = Array(type.utf8) + data
        let crc = body.withUnsafeBufferPointer { crc32(0, $0.baseAddress, UInt32($0.count)) }
        return bigEndian32(data.count) + body + bigEndian32(Int(crc))
    }

    static func bigEndian32(_ value: Int) -> [UInt8] { (0..<4).map { UInt8((value >> (24 - 8 * $0)) & 0xFF) } }

    private static func deflate(_ data: [UInt8]) -> [UInt8] {
        var size = compressBound(UInt(data.count))
        var output = [UInt8](repeating: 0, count: Int(size))
        let status = compress(&output, &size, data, UInt(data.count))
        precondition(status == Z_OK)
        return Array(output.prefix(Int(size)))
    }
}
