import LatentImages
import Testing

/// EXIF orientation read by libexif from a hand-built APP1 segment and applied to JPEG pixels.
@Suite struct OrientationTests {
    enum Colour: Equatable { case red, green, blue, white }

    static let rgb: [Colour: [UInt8]] = [
        .red: [255, 0, 0], .green: [0, 255, 0], .blue: [0, 0, 255], .white: [255, 255, 255],
    ]

    /// A stored image of `width` x `height` whose quadrants are red (top left), green (top right),
    /// blue (bottom left) and white (bottom right); each quadrant is whole 8x8 JPEG blocks.
    static func quadrants(width: Int, height: Int) -> [UInt8] {
        var pixels: [UInt8] = []
        for y in 0..<height {
            for x in 0..<width {
                let colour: Colour = y < height / 2 ? (x < width / 2 ? .red : .green) : (x < width / 2 ? .blue : .white)
                pixels += rgb[colour]!
            }
        }
        return pixels
    }

    static func nearest(_ pixel: (red: UInt8, green: UInt8, blue: UInt8)) -> Colour {
        rgb.min { a, b in distance(a.value, pixel) < distance(b.value, pixel) }!.key
    }

    static func distance(_ colour: [UInt8], _ pixel: (red: UInt8, green: UInt8, blue: UInt8)) -> Int {
        abs(Int(colour[0]) - Int(pixel.red)) + abs(Int(colour[1]) - Int(pixel.green))
            + abs(Int(colour[2]) - Int(pixel.blue))
    }

    /// The upright quadrants (top left, top right, bottom left, bottom right) for each tag, worked out by hand
    /// from the EXIF specification's pictures, not from the code under test.
    static let expected: [(Int, [Colour])] = [
        (1, [.red, .green, .blue, .white]),  // as stored
        (2, [.green, .red, .white, .blue]),  // mirrored left to right
        (3, [.white, .blue, .green, .red]),  // half turn
        (4, [.blue, .white, .red, .green]),  // mirrored top to bottom
        (5, [.red, .blue, .green, .white]),  // transposed (mirrored along the main diagonal)
        (6, [.blue, .red, .white, .green]),  // quarter turn clockwise
        (7, [.white, .green, .blue, .red]),  // transversed (mirrored along the other diagonal)
        (8, [.green, .white, .red, .blue]),  // quarter turn anticlockwise
    ]

    @Test(arguments: expected)
    func orientationIsApplied(tag: Int, quadrants: [Colour]) throws {
        let jpeg = JPEGWriter.jpeg(width: 32, height: 16, pixels: Self.quadrants(width: 32, height: 16))
        for littleEndian in [false, true] {
            let image = try ImageDecoder.decode(
                JPEGWriter.withOrientation(jpeg, tag, littleEndian: littleEndian), name: "t")
            #expect((image.width, image.height) == (tag >= 5 ? (16, 32) : (32, 16)))
            let (w, h) = (image.width, image.height)
            let seen = [(w / 4, h / 4), (3 * w / 4, h / 4), (w / 4, 3 * h / 4), (3 * w / 4, 3 * h / 4)]
                .map { Self.nearest(image.pixel(x: $0.0, y: $0.1)) }
            #expect(seen == quadrants, "tag \(tag), little-endian \(littleEndian)")
        }
    }

    @Test func unknownOrientationValueIsIgnored() throws {
        let jpeg = JPEGWriter.jpeg(width: 16, height: 16, pixels: Self.quadrants(width: 16, height: 16))
        let image = try ImageDecoder.decode(JPEGWriter.withOrientation(jpeg, 9), name: "t")
        #expect(Self.nearest(image.pixel(x: 2, y: 2)) == .red)
    }
}
