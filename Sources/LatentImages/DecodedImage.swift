/// A decoded picture as 8-bit RGB, upright, row by row: what every picture file becomes before preprocessing.
///
/// Grey files are widened to three equal channels and transparency is composed over white, so that one
/// preprocessing path serves every colour type.
public struct DecodedImage: Sendable, Equatable {
    public let width: Int
    public let height: Int
    /// (H, W, 3) interleaved red, green, blue bytes.
    public let rgb: [UInt8]

    public init(width: Int, height: Int, rgb: [UInt8]) {
        precondition(
            width > 0 && height > 0 && rgb.count == width * height * 3,
            "\(rgb.count) bytes for a \(width)x\(height) RGB image")
        self.width = width
        self.height = height
        self.rgb = rgb
    }

    /// The red, green and blue bytes of the pixel in column `x` of row `y`.
    public func pixel(x: Int, y: Int) -> (red: UInt8, green: UInt8, blue: UInt8) {
        let start = (y * width + x) * 3
        return (rgb[start], rgb[start + 1], rgb[start + 2])
    }
}
