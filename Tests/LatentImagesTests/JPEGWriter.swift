import CTurboJPEG
import LatentImages

/// Writes JPEG files with libjpeg-turbo's encoder, and adds a hand-built EXIF segment carrying an orientation.
enum JPEGWriter {
    /// A JPEG of interleaved RGB bytes (or one grey byte per pixel when `grey`), through the project's encoder.
    static func jpeg(width: Int, height: Int, pixels: [UInt8], grey: Bool = false, quality: Int = 100) -> [UInt8] {
        JPEGEncoder.encode(pixels, channels: grey ? 1 : 3, width: width, height: height, quality: quality)!
    }

    /// A JPEG of CMYK bytes (stored inverted, as Adobe's files are), which the project never writes but must read.
    static func cmykJPEG(width: Int, height: Int, pixels: [UInt8]) -> [UInt8] {
        let handle = tjInitCompress()
        defer { tjDestroy(handle) }
        var buffer: UnsafeMutablePointer<UInt8>? = nil
        var size: UInt = 0
        let status = tjCompress2(
            handle, pixels, Int32(width), 0, Int32(height), Int32(TJPF_CMYK.rawValue), &buffer, &size,
            Int32(TJSAMP_444.rawValue), 100, 0)
        precondition(status == 0, String(cString: tjGetErrorStr2(handle)))
        defer { tjFree(buffer) }
        return Array(UnsafeBufferPointer(start: buffer, count: Int(size)))
    }

    /// `jpeg` with an APP1 EXIF segment right after the start marker, holding one IFD0 entry:
    /// Orientation (tag 0x0112, type SHORT, count 1) = `orientation`, in big-endian ("MM") TIFF order.
    static func withOrientation(_ jpeg: [UInt8], _ orientation: Int, littleEndian: Bool = false) -> [UInt8] {
        func short(_ value: Int) -> [UInt8] {
            littleEndian ? [UInt8(value & 0xFF), UInt8(value >> 8)] : [UInt8(value >> 8), UInt8(value & 0xFF)]
        }
        func long(_ value: Int) -> [UInt8] {
            littleEndian ? PNGWriter.bigEndian32(value).reversed() : PNGWriter.bigEndian32(value)
        }
        let tiff =
            (littleEndian ? Array("II".utf8) : Array("MM".utf8)) + short(42) + long(8)
            + short(1)  // one entry in IFD0
            + short(0x0112) + short(3) + long(1) + short(orientation) + [0, 0]
            + long(0)  // no next IFD
        let payload = Array("Exif".utf8) + [0, 0] + tiff
        let length = payload.count + 2
        return [0xFF, 0xD8, 0xFF, 0xE1, UInt8(length >> 8), UInt8(length & 0xFF)] + payload + jpeg.dropFirst(2)
    }
}
