import CPNG

/// PNG through libpng's simplified `png_image` API, which reports errors in the image structure instead
/// of jumping out of the caller, and converts every colour type and bit depth to 8-bit RGB or RGBA.
enum PNGDecoder {
    static func decode(_ bytes: [UInt8], name: String, limits: DecodeLimits) throws(ImageError) -> DecodedImage {
        let result: Result<DecodedImage, ImageError> = bytes.withUnsafeBufferPointer { buffer in
            var image = png_image()
            image.version = latent_png_image_version()
            defer { png_image_free(&image) }
            guard png_image_begin_read_from_memory(&image, buffer.baseAddress, buffer.count) != 0 else {
                return .failure(.damaged(path: name, reason: "libpng: \(message(image))"))
            }
            let (width, height) = (Int(image.width), Int(image.height))
            guard width * height <= limits.maxPixels else {
                return .failure(.tooManyPixels(path: name, width: width, height: height, limit: limits.maxPixels))
            }
            // Files without transparency are read straight to RGB; the others to RGBA, then composed.
            let transparent = image.format & latent_png_format_flag_alpha() != 0
            image.format = transparent ? latent_png_format_rgba() : latent_png_format_rgb()
            // Without this flag libpng takes 16-bit files without a gamma chunk as linear light and
            // brightens them on the way to 8 bits; PNG writers mean sRGB, as for 8-bit files.
            image.flags |= latent_png_flag_16bit_srgb()
            var pixels = [UInt8](repeating: 0, count: width * height * (transparent ? 4 : 3))
            let finished = pixels.withUnsafeMutableBytes { target in
                png_image_finish_read(&image, nil, target.baseAddress, 0, nil)
            }
            guard finished != 0 else { return .failure(.damaged(path: name, reason: "libpng: \(message(image))")) }
            return .success(
                transparent
                    ? DecodedImage(width: width, height: height, rgbaOverWhite: pixels)
                    : DecodedImage(width: width, height: height, rgb: pixels))
        }
        return try result.get()
    }

    private static func message(_ image: png_image) -> String {
        withUnsafeBytes(of: image.message) { raw in
            let text = String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            return text.isEmpty ? "unknown error" : text
        }
    }
}
