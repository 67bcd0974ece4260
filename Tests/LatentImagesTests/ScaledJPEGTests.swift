import Foundation
import LatentTestSupport
import Testing

@testable import LatentImages

/// A camera-sized JPEG query is decoded at 1/8 scale when the preprocessing needs 64 pixels, and its preprocessed
/// pixels stay within a few levels of those of a full decode.
@Suite struct ScaledJPEGTests {
    /// A real photo (160x106) enlarged bilinearly to `width` x `height` and saved at quality 90.
    static func cameraSizedJPEG(width: Int, height: Int) throws -> [UInt8] {
        let path = TestData.repositoryRoot + "/Tests/BadInput/files/near-duplicate/originals/chelsea.jpg"
        let photo = try ImageDecoder.decode(contentsOf: path)
        var pixels = [UInt8](repeating: 0, count: width * height * 3)
        photo.rgb.withUnsafeBufferPointer { source in
            pixels.withUnsafeMutableBufferPointer { target in
                for y in 0..<height {
                    let sourceY = (Double(y) + 0.5) * Double(photo.height) / Double(height) - 0.5
                    let top = min(max(Int(sourceY.rounded(.down)), 0), photo.height - 1)
                    let bottom = min(top + 1, photo.height - 1)
                    let down = Float(min(max(sourceY - Double(top), 0), 1))
                    for x in 0..<width {
                        let sourceX = (Double(x) + 0.5) * Double(photo.width) / Double(width) - 0.5
                        let left = min(max(Int(sourceX.rounded(.down)), 0), photo.width - 1)
                        let right = min(left + 1, photo.width - 1)
                        let across = Float(min(max(sourceX - Double(left), 0), 1))
                        for channel in 0..<3 {
                            func at(_ column: Int, _ row: Int) -> Float {
                                Float(source[(row * photo.width + column) * 3 + channel])
                            }
                            let upper = at(left, top) * (1 - across) + at(right, top) * across
                            let lower = at(left, bottom) * (1 - across) + at(right, bottom) * across
                            target[(y * width + x) * 3 + channel] = UInt8((upper * (1 - down) + lower * down).rounded())
                        }
                    }
                }
            }
        }
        return JPEGWriter.jpeg(width: width, height: height, pixels: pixels, quality: 90)
    }

    @Test func bigQueryIsDecodedSmallAndMatchesTheFullDecode() throws {
        let jpeg = try Self.cameraSizedJPEG(width: 2560, height: 1600)
        let preprocessing = Preprocessing(size: 64)
        // 1/8 leaves a 200-pixel short side, at least the 128 (twice the output) that the area filter is given.
        let decoded = try ImageDecoder.decode(
            jpeg, name: "big.jpg", limits: .standard, minimumShortSide: preprocessing.minimumDecodedSide)
        #expect((decoded.width, decoded.height) == (320, 200))

        let full = preprocessing.apply(to: try ImageDecoder.decode(jpeg, name: "big.jpg")).pixels
        let scaled = try preprocessing.pixels(of: jpeg, name: "big.jpg")
        #expect(full.count == 3 * 64 * 64)
        let differences = zip(full, scaled).map { abs($0 - $1) }
        // Measured: largest 0.0118 (3 levels of 255), mean 0.0012.
        #expect(differences.max() ?? 1 <= 0.03)
        #expect(differences.reduce(0, +) / Float(differences.count) <= 0.005)
    }

    @Test func smallJPEGIsDecodedWhole() throws {
        let jpeg = try Self.cameraSizedJPEG(width: 200, height: 150)
        let preprocessing = Preprocessing(size: 64)
        let decoded = try ImageDecoder.decode(
            jpeg, name: "small.jpg", limits: .standard, minimumShortSide: preprocessing.minimumDecodedSide)
        #expect((decoded.width, decoded.height) == (200, 150))
        let full = preprocessing.apply(to: try ImageDecoder.decode(jpeg, name: "small.jpg")).pixels
        #expect(try preprocessing.pixels(of: jpeg, name: "small.jpg") == full)
    }
}
