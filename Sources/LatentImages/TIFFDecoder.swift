import CTIFF

/// The first picture of a TIFF through libtiff's RGBA interface, which converts every photometric kind (RGB, grey,
/// palette, CMYK, YCbCr) and bit depth to 8-bit RGBA, upright as the file's orientation tag says.
enum TIFFDecoder {
    static func decode(_ bytes: [UInt8], name: String, limits: DecodeLimits) throws(ImageError) -> DecodedImage {
        let result: Result<DecodedImage, ImageError> = bytes.withUnsafeBufferPointer { buffer in
            var source = latent_tiff_source()
            source.bytes = buffer.baseAddress
            source.size = toff_t(buffer.count)
            // libtiff keeps the pointer to `source` while the file is open: one pointer for the whole decode.
            return withUnsafeMutablePointer(to: &source) { source in
                guard let tiff = latent_tiff_open(source) else {
                    return .failure(.damaged(path: name, reason: "libtiff: \(message(source.pointee))"))
                }
                defer { TIFFClose(tiff) }
                let (width, height) = (Int(latent_tiff_width(tiff)), Int(latent_tiff_height(tiff)))
                guard width > 0, height > 0 else {
                    return .failure(.damaged(path: name, reason: "the header declares \(width)x\(height) pixels"))
                }
                guard width * height <= limits.maxPixels else {
                    return .failure(.tooManyPixels(path: name, width: width, height: height, limit: limits.maxPixels))
                }
                // (H, W) words holding red in the low byte, so in memory (little-endian) red, green, blue and alpha,
                // the colours premultiplied by alpha.
                var raster = [UInt32](repeating: 0, count: width * height)
                let read = raster.withUnsafeMutableBufferPointer { raster in
                    TIFFReadRGBAImageOriented(
                        tiff, UInt32(width), UInt32(height), raster.baseAddress, ORIENTATION_TOPLEFT, 1)
                }
                guard read == 1 else {
                    return .failure(.damaged(path: name, reason: "libtiff: \(message(source.pointee))"))
                }
                let rgba = raster.withUnsafeBytes { [UInt8]($0) }
                return .success(DecodedImage(width: width, height: height, rgbaOverWhite: rgba, premultiplied: true))
            }
        }
        return try result.get()
    }

    private static func message(_ source: latent_tiff_source) -> String {
        withUnsafeBytes(of: source.message) { raw in
            let text = String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            return text.isEmpty ? "unknown error" : text
        }
    }
}
