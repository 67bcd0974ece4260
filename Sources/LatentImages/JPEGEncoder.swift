import CTurboJPEG

/// Encodes 8-bit grey or RGB pixels as JPEG bytes with libjpeg-turbo: what a camera or a shop's photo tool hands over.
public enum JPEGEncoder {
    /// The JPEG's bytes (colour without chroma subsampling, 4:4:4), or `nil` when libjpeg-turbo cannot compress
    /// (it only fails when memory runs out).
    /// - Parameter pixels: row-major, `channels` (1 grey, 3 RGB) bytes per pixel.
    public static func encode(_ pixels: [UInt8], channels: Int, width: Int, height: Int, quality: Int = 95) -> [UInt8]?
    {
        precondition(channels == 1 || channels == 3, "JPEG: \(channels) channels, not grey (1) or RGB (3)")
        precondition(
            pixels.count == width * height * channels, "JPEG: \(pixels.count) bytes for \(width)x\(height)x\(channels)")
        precondition((1...100).contains(quality), "JPEG quality \(quality) outside 1...100")
        guard let handle = tjInitCompress() else { return nil }
        defer { tjDestroy(handle) }
        var buffer: UnsafeMutablePointer<UInt8>? = nil
        var size: UInt = 0
        let (format, subsampling) = channels == 1 ? (TJPF_GRAY, TJSAMP_GRAY) : (TJPF_RGB, TJSAMP_444)
        let status = tjCompress2(
            handle, pixels, Int32(width), 0, Int32(height), Int32(format.rawValue), &buffer, &size,
            Int32(subsampling.rawValue), Int32(quality), 0)
        defer { tjFree(buffer) }
        guard status == 0, let buffer else { return nil }
        return Array(UnsafeBufferPointer(start: buffer, count: Int(size)))
    }
}
