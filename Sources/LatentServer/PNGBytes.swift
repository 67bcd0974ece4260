import CZlib
import Foundation

/// Encodes 8-bit grey or RGB pixels as PNG bytes in memory, for thumbnails sent over HTTP.
///
/// LatentPictures' encoder writes RGB canvases to files; the service needs bytes of grey or RGB tiles.
enum PNGBytes {
    /// - Parameter pixels: (H, W, C) row-major, C = 1 (grey) or 3 (RGB).
    static func encode(_ pixels: ArraySlice<UInt8>, width: Int, height: Int, channels: Int) -> [UInt8] {
        let rowBytes = width * channels
        var raw = [UInt8]()
        raw.reserveCapacity((rowBytes + 1) * height)
        for row in 0..<height {
            raw.append(0)  // filter type 0 (none) on every scanline
            let start = pixels.startIndex + row * rowBytes
            raw.append(contentsOf: pixels[start..<(start + rowBytes)])
        }
        var compressedSize = compressBound(uLong(raw.count))
        var compressed = [UInt8](repeating: 0, count: Int(compressedSize))
        // compress2 fails only without memory or with a buffer smaller than compressBound's.
        precondition(compress2(&compressed, &compressedSize, raw, uLong(raw.count), 6) == Z_OK, "zlib compress2 failed")
        var png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        // 8 bits; colour type 0 grey or 2 RGB; deflate; no filter choice; no interlace.
        chunk("IHDR", bigEndian(width) + bigEndian(height) + [8, channels == 1 ? 0 : 2, 0, 0, 0], into: &png)
        chunk("IDAT", Array(compressed.prefix(Int(compressedSize))), into: &png)
        chunk("IEND", [], into: &png)
        return png
    }

    private static func chunk(_ type: String, _ body: [UInt8], into png: inout [UInt8]) {
        let typed = Array(type.utf8) + body
        png += bigEndian(body.count) + typed
        png += bigEndian(Int(typed.withUnsafeBufferPointer { crc32(0, $0.baseAddress, uInt($0.count)) }))
    }

    private static func bigEndian(_ value: Int) -> [UInt8] {
        [UInt8((value >> 24) & 0xFF), UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF)]
    }
}
