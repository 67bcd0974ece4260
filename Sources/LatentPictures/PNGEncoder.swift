import CZlib
import Foundation

/// Encodes 8-bit grey or RGB pixels as a PNG file; zlib does the compression and the checksums.
public enum PNGEncoder {
    /// The PNG's bytes, or `nil` when zlib cannot compress (it only fails when memory runs out).
    static func encode(rgb pixels: [UInt8], width: Int, height: Int) -> Data? {
        encode(pixels, channels: 3, width: width, height: height)
    }

    /// - Parameter pixels: row-major, `channels` (1 grey, 3 RGB) bytes per pixel.
    public static func encode(_ pixels: [UInt8], channels: Int, width: Int, height: Int) -> Data? {
        precondition(channels == 1 || channels == 3, "PNG: \(channels) channels, not grey (1) or RGB (3)")
        precondition(
            pixels.count == width * height * channels, "PNG: \(pixels.count) bytes for \(width)x\(height)x\(channels)")
        // Each scanline starts with its filter type; 0 (none) keeps the encoder simple.
        let rowBytes = width * channels
        var raw = [UInt8]()
        raw.reserveCapacity((rowBytes + 1) * height)
        for row in 0..<height {
            raw.append(0)
            raw.append(contentsOf: pixels[(row * rowBytes)..<((row + 1) * rowBytes)])
        }
        var compressedSize = compressBound(uLong(raw.count))
        var compressed = [UInt8](repeating: 0, count: Int(compressedSize))
        guard compress2(&compressed, &compressedSize, raw, uLong(raw.count), 6) == Z_OK else { return nil }

        var png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        var header = [UInt8]()
        header += bigEndian(UInt32(width)) + bigEndian(UInt32(height))
        header += [8, channels == 1 ? 0 : 2, 0, 0, 0]  // 8 bits, grey or RGB, deflate, adaptive filtering, no interlace
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
