import Foundation
import LatentImages
import LatentTestSupport
import Testing

/// PNG of every colour type and JPEG through the real libraries, checked pixel by pixel.
@Suite struct DecodingTests {
    func decode(_ bytes: [UInt8], limits: DecodeLimits = .standard) throws -> DecodedImage {
        try ImageDecoder.decode(bytes, name: "test", limits: limits)
    }

    @Test func rgbPNGDecodesExactly() throws {
        let samples = [255, 0, 0, 0, 255, 0, 0, 0, 255, 10, 20, 30]
        let image = try decode(PNGWriter.png(width: 2, height: 2, colourType: .rgb, samples: samples))
        #expect((image.width, image.height) == (2, 2))
        #expect(image.rgb == samples.map(UInt8.init))
    }

    @Test func greyPNGBecomesThreeEqualChannels() throws {
        let image = try decode(PNGWriter.png(width: 3, height: 1, colourType: .grey, samples: [0, 128, 255]))
        #expect(image.rgb == [0, 0, 0, 128, 128, 128, 255, 255, 255])
    }

    @Test func oneBitGreyPNG() throws {
        let image = try decode(PNGWriter.png(width: 3, height: 1, colourType: .grey, bitDepth: 1, samples: [1, 0, 1]))
        #expect(image.rgb == [255, 255, 255, 0, 0, 0, 255, 255, 255])
    }

    /// Transparency is composed over white: c * a / 255 + 255 * (255 - a) / 255, rounded.
    @Test func rgbaPNGIsComposedOverWhite() throws {
        let samples = [
            200, 100, 0, 255,
            200, 100, 0, 0,
            200, 100, 0, 128,
        ]
        let image = try decode(PNGWriter.png(width: 3, height: 1, colourType: .rgba, samples: samples))
        // Half-transparent: 200 -> (200*128 + 255*127 + 127) / 255 = 227, 100 -> 177, 0 -> 127.
        #expect(image.rgb == [200, 100, 0, 255, 255, 255, 227, 177, 127])
    }

    @Test func greyAlphaPNG() throws {
        let image = try decode(PNGWriter.png(width: 2, height: 1, colourType: .greyAlpha, samples: [50, 255, 50, 0]))
        #expect(image.rgb == [50, 50, 50, 255, 255, 255])
    }

    @Test func palettePNGWithTransparency() throws {
        let palette: [(UInt8, UInt8, UInt8)] = [(255, 0, 0), (0, 0, 255), (0, 255, 0)]
        let bytes = PNGWriter.png(
            width: 3, height: 1, colourType: .palette, samples: [2, 0, 1], palette: palette,
            paletteAlpha: [255, 0])
        // Index 1 (blue) is fully transparent: white.
        #expect(try decode(bytes).rgb == [0, 255, 0, 255, 0, 0, 255, 255, 255])
    }

    /// 16-bit samples are sRGB like 8-bit ones: 0x8080 is 128, not the 188 that a linear reading gives.
    @Test func sixteenBitPNGScalesToBytes() throws {
        let rgb = try decode(
            PNGWriter.png(width: 1, height: 1, colourType: .rgb, bitDepth: 16, samples: [0x8080, 0xFFFF, 0]))
        #expect(rgb.rgb == [128, 255, 0])
        let grey = try decode(PNGWriter.png(width: 1, height: 1, colourType: .grey, bitDepth: 16, samples: [0x4040]))
        #expect(grey.rgb == [64, 64, 64])
    }

    @Test func rgbJPEGDecodesCloseToItsColours() throws {
        // 16 x 8: left block orange, right block teal; quality 100 and 4:4:4 keep each within a few levels.
        var pixels: [UInt8] = []
        for _ in 0..<8 { for x in 0..<16 { pixels += x < 8 ? [240, 120, 10] : [20, 160, 150] } }
        let image = try decode(JPEGWriter.jpeg(width: 16, height: 8, pixels: pixels))
        #expect((image.width, image.height) == (16, 8))
        let (left, right) = (image.pixel(x: 3, y: 4), image.pixel(x: 12, y: 4))
        #expect(abs(Int(left.red) - 240) <= 3 && abs(Int(left.green) - 120) <= 3 && abs(Int(left.blue) - 10) <= 3)
        #expect(abs(Int(right.red) - 20) <= 3 && abs(Int(right.green) - 160) <= 3 && abs(Int(right.blue) - 150) <= 3)
    }

    @Test func greyJPEG() throws {
        let image = try decode(
            JPEGWriter.jpeg(width: 8, height: 8, pixels: [UInt8](repeating: 90, count: 64), grey: true))
        #expect(image.rgb.allSatisfy { abs(Int($0) - 90) <= 1 })
    }

    /// CMYK JPEGs store inverted ink, as Adobe writes them (255 = no ink): (255, 0, 0, 255) is no cyan, full
    /// magenta and yellow, no black: red.
    @Test func cmykJPEGBecomesRGB() throws {
        let pixels = [UInt8](repeating: 0, count: 64 * 4).enumerated().map { i, _ in [255, 0, 0, 255][i % 4] }.map(
            UInt8.init)
        let image = try decode(JPEGWriter.cmykJPEG(width: 8, height: 8, pixels: pixels))
        let pixel = image.pixel(x: 4, y: 4)
        #expect(pixel.red >= 250 && pixel.green <= 5 && pixel.blue <= 5)
    }

    @Test func theSignatureDecidesNotTheName() throws {
        let folder = try TestData.scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/really-a-png.jpg"
        try Data(PNGWriter.png(width: 1, height: 1, colourType: .grey, samples: [7])).write(
            to: URL(fileURLWithPath: path))
        #expect(try ImageDecoder.decode(contentsOf: path).rgb == [7, 7, 7])
    }
}
