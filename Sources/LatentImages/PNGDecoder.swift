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
                DecodedImage(width: width, height: height, rgb: transparent ? rgbOverWhite(pixels) : pixels))
        }
        return try result.get()
    }

    private static func message(_ image: png_image) -> String {
        withUnsafeBytes(of: image.message) { raw in
            let text = String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            return text.isEmpty ? "unknown error" : text
        }
    }

    /// Transparent pixels composed over white, the page a product photo is usually shown on.
    private static func rgbOverWhite(_ rgba: [UInt8]) -> [UInt8] {
        var rgb = [UInt8](repeating: 0, count: rgba.count / 4 * 3)
        rgba.withUnsafeBufferPointer { rgba in
            rgb.withUnsafeMutableBufferPointer { rgb in
                for pixel in 0..<(rgba.count / 4) {
                    let alpha = UInt32(rgba[pixel * 4 + 3])
                    for channel in 0..<3 {
                        let colour = UInt32(rgba[pixel * 4 + channel])
                        rgb[pixel * 3 + channel] = UInt8((colour * alpha + 255 * (255 - alpha) + 127) / 255)
                    }
                }
            }
        }
        return rgb
    }
}
