import LatentCore

/// One small picture per indexed image, as 8-bit pixels (N, H, W, C) with C = 1 (grey) or 3 (RGB).
public struct ThumbnailSet: Equatable, Sendable {
    public let count: Int
    public let height: Int
    public let width: Int
    public let channels: Int
    /// (N, H, W, C) row-major bytes.
    public let pixels: [UInt8]

    public init(count: Int, height: Int, width: Int, channels: Int, pixels: [UInt8]) throws {
        guard height > 0, width > 0, [1, 3].contains(channels) else {
            throw LatentError(
                "thumbnails must be at least 1x1 with 1 or 3 channels, got \(height)x\(width)x\(channels)")
        }
        guard pixels.count == count * height * width * channels else {
            throw LatentError(
                "\(pixels.count) thumbnail bytes for \(count) thumbnails of \(height)x\(width)x\(channels)")
        }
        self.count = count
        self.height = height
        self.width = width
        self.channels = channels
        self.pixels = pixels
    }

    public var bytesPerThumbnail: Int { height * width * channels }

    /// The bytes of thumbnail `row` (H, W, C).
    public func thumbnail(_ row: Int) -> ArraySlice<UInt8> {
        pixels[(row * bytesPerThumbnail)..<((row + 1) * bytesPerThumbnail)]
    }

    /// Makes thumbnails of images given as planar floats in [0, 1] (N, C*H*W), shrunk by averaging
    /// whole blocks of pixels so that the longer side is at most `largestSide`.
    public static func shrinking(
        _ images: UnsafeBufferPointer<Float>, count: Int, channels: Int, height: Int, width: Int,
        largestSide: Int
    ) throws -> ThumbnailSet {
        precondition(
            images.count == count * channels * height * width,
            "\(images.count) values for \(count) images of \(channels) x \(height) x \(width)")
        let factor = max(1, (max(height, width) + largestSide - 1) / max(largestSide, 1))
        let (outHeight, outWidth) = (max(1, height / factor), max(1, width / factor))
        var pixels = [UInt8](repeating: 0, count: count * outHeight * outWidth * channels)
        let planeSize = height * width
        let scale = 1 / Float(factor * factor)
        for image in 0..<count {
            let source = image * channels * planeSize
            for y in 0..<outHeight {
                for x in 0..<outWidth {
                    for c in 0..<channels {
                        var total: Float = 0
                        for dy in 0..<factor {
                            for dx in 0..<factor {
                                total += images[source + c * planeSize + (y * factor + dy) * width + x * factor + dx]
                            }
                        }
                        let byte = (min(max(total * scale, 0), 1) * 255).rounded()
                        pixels[((image * outHeight + y) * outWidth + x) * channels + c] = UInt8(byte)
                    }
                }
            }
        }
        return try ThumbnailSet(count: count, height: outHeight, width: outWidth, channels: channels, pixels: pixels)
    }
}
