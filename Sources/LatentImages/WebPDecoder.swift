import CWebP

/// Still WebP pictures (lossy or lossless) through libwebp's advanced decoding API, which reports why it failed.
enum WebPDecoder {
    static func decode(_ bytes: [UInt8], name: String, limits: DecodeLimits) throws(ImageError) -> DecodedImage {
        let result: Result<DecodedImage, ImageError> = bytes.withUnsafeBufferPointer { buffer in
            var config = WebPDecoderConfig()
            guard WebPInitDecoderConfig(&config) != 0 else {
                return .failure(
                    .damaged(path: name, reason: "libwebp: the library's version does not match its header"))
            }
            var status = WebPGetFeatures(buffer.baseAddress, buffer.count, &config.input)
            guard status == VP8_STATUS_OK else { return .failure(.damaged(path: name, reason: reason(status))) }
            let (width, height) = (Int(config.input.width), Int(config.input.height))
            guard width > 0, height > 0 else {
                return .failure(.damaged(path: name, reason: "the header declares \(width)x\(height) pixels"))
            }
            guard width * height <= limits.maxPixels else {
                return .failure(.tooManyPixels(path: name, width: width, height: height, limit: limits.maxPixels))
            }
            guard config.input.has_animation == 0 else {
                return .failure(
                    .damaged(path: name, reason: "an animated WebP; only still WebP pictures are read (save one frame)")
                )
            }
            let transparent = config.input.has_alpha != 0
            let channels = transparent ? 4 : 3
            var pixels = [UInt8](repeating: 0, count: width * height * channels)
            status = pixels.withUnsafeMutableBufferPointer { target in
                config.output.colorspace = transparent ? MODE_RGBA : MODE_RGB
                config.output.is_external_memory = 1
                config.output.u.RGBA.rgba = target.baseAddress
                config.output.u.RGBA.stride = Int32(width * channels)
                config.output.u.RGBA.size = target.count
                defer { WebPFreeDecBuffer(&config.output) }
                return WebPDecode(buffer.baseAddress, buffer.count, &config)
            }
            guard status == VP8_STATUS_OK else { return .failure(.damaged(path: name, reason: reason(status))) }
            return .success(
                transparent
                    ? DecodedImage(width: width, height: height, rgbaOverWhite: pixels)
                    : DecodedImage(width: width, height: height, rgb: pixels))
        }
        return try result.get()
    }

    private static func reason(_ status: VP8StatusCode) -> String {
        switch status {
        case VP8_STATUS_NOT_ENOUGH_DATA: "libwebp: the file ends before the picture does (truncated)"
        case VP8_STATUS_BITSTREAM_ERROR: "libwebp: the compressed data is damaged"
        case VP8_STATUS_UNSUPPORTED_FEATURE: "libwebp: it uses a feature this libwebp does not read"
        case VP8_STATUS_OUT_OF_MEMORY: "libwebp: out of memory"
        default: "libwebp: status \(status.rawValue)"
        }
    }
}
