import CZlib
import Foundation

/// Encodes 8-bit RGB pixels as a PNG file; zlib does the compression and the checksums.
enum PNGEncoder {
    /// The PNG's bytes, or `nil` when zlib cannot compress (it only fails when memory runs out).
    static func encode(rgb pixels: [UInt8], width: Int, height: Int) -> Data? {
        precondition(pixels.count == width * height * 3, "PNG: \(pixels.count) bytes for \(width)x\(height) RGB")
        // Each scanline starts with its filter type; 0 (none) keeps the encoder simple.
        var raw = [UInt8]()
        raw.reserveCapacity((width * 3 + 1) * height)
        for row in 0..<height {
            raw.append(0)
            raw.append(contentsOf: pixels[(row * width * 3)..<((row + 1) * width * 3)])
        }
        var compressedSize = compressBound(uLong(raw.count))
        var compressed = [UInt8](repeating: 0, count: Int(compressedSize))
        guard compress2(&compressed, &compressedSize, raw, uLong(raw.count), 6) == Z_OK else { return nil }

        var png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        var header = [UInt8]()
        header += bigEndian(UInt32(width)) + bigEndian(UInt32(height))
        header += [8, 2, 0, 0, 0]  // 8 bits, RGB, deflate, adaptive filtering, no interlace
        appendChunk("IHDR", header, to: &png)
        appendChunk("IDAT", Array(compressed.prefix(Int(compressedSize))), to: &png)
        appendChunk("IEND", [], to: &png)
        return png
    }

    private static func appendChunk(_ type: String, _ body: [UInt8], to png: inout Data) {
        let typeBytes = Array(type.utf8)
        png.append(contentsOf: bigEndian(UInt32(body.count)))
        png.append(contentsOf: typeBytes)
        png.append(contentsOf: body)
        let checksum = (typeBytes + body).withUnsafeBufferPointer { crc32(0, $0.baseAddress, uInt($0.count)) }
        png.append(contentsOf: bigEndian(UInt32(checksum)))
    }

    private static func bigEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF)]
    }
}
