import Foundation
import LatentCore

/// An RGB picture in memory, drawn on with tiles of grey or colour images and small text, saved as PNG.
public struct Canvas {
    public let width: Int
    public let height: Int
    /// Row-major RGB bytes.
    public private(set) var pixels: [UInt8]

    public init(width: Int, height: Int, background: (UInt8, UInt8, UInt8) = (255, 255, 255)) {
        self.width = width
        self.height = height
        pixels = [UInt8](repeating: 0, count: width * height * 3)
        fill(x: 0, y: 0, width: width, height: height, color: background)
    }

    /// Paints a rectangle, clipped to the canvas.
    public mutating func fill(x: Int, y: Int, width w: Int, height h: Int, color: (UInt8, UInt8, UInt8)) {
        for row in max(y, 0)..<min(y + h, height) {
            for column in max(x, 0)..<min(x + w, width) {
                let offset = (row * width + column) * 3
                (pixels[offset], pixels[offset + 1], pixels[offset + 2]) = color
            }
        }
    }

    /// Draws a grey-scale image of values in [0, 1] (0 black), each pixel as a `scale` x `scale` square.
    ///
    /// values: (H, W), row-major.
    public mutating func drawGrey(_ values: [Float], imageWidth: Int, imageHeight: Int, x: Int, y: Int, scale: Int = 1)
    {
        precondition(
            values.count == imageWidth * imageHeight,
            "\(values.count) values for a \(imageWidth)x\(imageHeight) grey image")
        drawPixels(imageWidth: imageWidth, imageHeight: imageHeight, x: x, y: y, scale: scale) { pixel in
            let byte = Self.byte(values[pixel])
            return (byte, byte, byte)
        }
    }

    /// Draws a colour image of values in [0, 1], its red, green and blue planes one after another, each pixel as a
    /// `scale` x `scale` square.
    ///
    /// values: (3, H, W), channel-major, as an `ImageDataset` row of an RGB dataset holds them.
    public mutating func drawRGB(_ values: [Float], imageWidth: Int, imageHeight: Int, x: Int, y: Int, scale: Int = 1) {
        let plane = imageWidth * imageHeight
        precondition(values.count == 3 * plane, "\(values.count) values for a \(imageWidth)x\(imageHeight) RGB image")
        drawPixels(imageWidth: imageWidth, imageHeight: imageHeight, x: x, y: y, scale: scale) { pixel in
            (Self.byte(values[pixel]), Self.byte(values[plane + pixel]), Self.byte(values[2 * plane + pixel]))
        }
    }

    /// Paints image pixel `colour(row * imageWidth + column)` as a `scale` x `scale` square, clipped to the canvas.
    private mutating func drawPixels(
        imageWidth: Int, imageHeight: Int, x: Int, y: Int, scale: Int,
        colour: (Int) -> (UInt8, UInt8, UInt8)
    ) {
        for row in 0..<(imageHeight * scale) {
            for column in 0..<(imageWidth * scale) {
                let (canvasX, canvasY) = (x + column, y + row)
                guard canvasX >= 0, canvasX < width, canvasY >= 0, canvasY < height else { continue }
                let offset = (canvasY * width + canvasX) * 3
                (pixels[offset], pixels[offset + 1], pixels[offset + 2]) = colour(
                    (row / scale) * imageWidth + column / scale)
            }
        }
    }

    /// A value in [0, 1] as a byte, clamped.
    private static func byte(_ value: Float) -> UInt8 { UInt8(max(0, min(255, (value * 255).rounded()))) }

    /// Writes text in a 3x5 pixel font (upper case), each font pixel `scale` canvas pixels wide.
    public mutating func drawText(
        _ text: String, x: Int, y: Int, scale: Int = 1, color: (UInt8, UInt8, UInt8) = (0, 0, 0)
    ) {
        var cursor = x
        for character in text.uppercased() {
            let rows = PixelFont.glyph(character)
            for (row, bits) in rows.enumerated() {
                for column in 0..<3 where bits & (0b100 >> column) != 0 {
                    fill(x: cursor + column * scale, y: y + row * scale, width: scale, height: scale, color: color)
                }
            }
            cursor += 4 * scale
        }
    }

    /// The width `drawText` takes for `text`.
    public static func textWidth(_ text: String, scale: Int = 1) -> Int { max(0, text.count * 4 - 1) * scale }

    /// Saves the canvas as an 8-bit RGB PNG through `AtomicFile`: a failed save leaves a previous file as it was,
    /// and a folder at `path` is refused, never replaced.
    public func savePNG(to path: String) throws {
        guard let png = PNGEncoder.encode(rgb: pixels, width: width, height: height) else {
            throw AtomicFile.Failure(path, "cannot compress the picture (zlib ran out of memory)")
        }
        try AtomicFile.write(png, to: path)
    }
}
