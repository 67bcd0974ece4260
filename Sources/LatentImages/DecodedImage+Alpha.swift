extension DecodedImage {
    /// An image from (H, W, 4) red, green, blue and alpha bytes, composed over white, the page a product photo is
    /// usually shown on.
    ///
    /// - Parameters:
    ///   - width: pixels per row.
    ///   - height: rows.
    ///   - rgba: (H, W, 4) interleaved bytes.
    ///   - premultiplied: whether the colours are already multiplied by alpha (libtiff's RGBA interface), rather
    ///     than straight (PNG, GIF, WebP).
    init(width: Int, height: Int, rgbaOverWhite rgba: [UInt8], premultiplied: Bool = false) {
        var rgb = [UInt8](repeating: 0, count: rgba.count / 4 * 3)
        rgba.withUnsafeBufferPointer { rgba in
            rgb.withUnsafeMutableBufferPointer { rgb in
                for pixel in 0..<(rgba.count / 4) {
                    let alpha = UInt32(rgba[pixel * 4 + 3])
                    for channel in 0..<3 {
                        let colour = UInt32(rgba[pixel * 4 + channel])
                        // Straight: c * a + 255 * (1 - a); premultiplied colour already holds the c * a part.
                        let composed =
                            premultiplied
                            ? min(colour + 255 - alpha, 255) : (colour * alpha + 255 * (255 - alpha) + 127) / 255
                        rgb[pixel * 3 + channel] = UInt8(composed)
                    }
                }
            }
        }
        self.init(width: width, height: height, rgb: rgb)
    }
}
