import LatentCore

/// One small picture per indexed image, as 8-bit pixels (N, H, W, C) with C = 1 (grey) or 3 (RGB), held in memory or
/// kept in a store on disk and read when a page or a picture needs them.
public struct ThumbnailSet: Sendable {
    /// Where the bytes are.
    public enum Bytes: Sendable {
        /// (N, H, W, C) row-major, in memory.
        case memory([UInt8])
        /// In a store that reads a few rows at a time.
        case store(any ThumbnailStore)
    }

    public let count: Int
    public let height: Int
    public let width: Int
    public let channels: Int
    /// The thumbnails themselves, or where to read them.
    public let bytes: Bytes

    /// Thumbnails held in memory.
    ///
    /// - Parameters:
    ///   - count: how many thumbnails.
    ///   - height: the height of each, in pixels.
    ///   - width: the width of each, in pixels.
    ///   - channels: 1 (grey) or 3 (RGB).
    ///   - pixels: (N, H, W, C) row-major bytes.
    public init(count: Int, height: Int, width: Int, channels: Int, pixels: [UInt8]) throws {
        guard pixels.count == count * height * width * channels else {
            throw LatentError(
                "\(pixels.count) thumbnail bytes for \(count) thumbnails of \(height)x\(width)x\(channels)")
        }
        try self.init(count: count, height: height, width: width, channels: channels, bytes: .memory(pixels))
    }

    /// Thumbnails kept in `store`, which holds `count` of them of this shape.
    ///
    /// - Parameters:
    ///   - count: how many thumbnails the store holds.
    ///   - height: the height of each, in pixels.
    ///   - width: the width of each, in pixels.
    ///   - channels: 1 (grey) or 3 (RGB).
    ///   - store: where they are read from.
    public init(count: Int, height: Int, width: Int, channels: Int, store: any ThumbnailStore) throws {
        try self.init(count: count, height: height, width: width, channels: channels, bytes: .store(store))
    }

    private init(count: Int, height: Int, width: Int, channels: Int, bytes: Bytes) throws {
        guard height > 0, width > 0, [1, 3].contains(channels) else {
            throw LatentError(
                "thumbnails must be at least 1x1 with 1 or 3 channels, got \(height)x\(width)x\(channels)")
        }
        (self.count, self.height, self.width, self.channels, self.bytes) = (count, height, width, channels, bytes)
    }

    public var bytesPerThumbnail: Int { height * width * channels }

    /// The bytes of thumbnail `row` (H, W, C).
    ///
    /// - Parameter row: a row of the set.
    public func thumbnail(_ row: Int) throws -> [UInt8] { try thumbnails(row..<(row + 1)) }

    /// The bytes of the thumbnails `rows` (rows, H, W, C); a store reads them, and says so when it cannot.
    ///
    /// - Parameter rows: rows of the set.
    public func thumbnails(_ rows: Range<Int>) throws -> [UInt8] {
        precondition(rows.lowerBound >= 0 && rows.upperBound <= count, "thumbnails \(rows) of \(count)")
        switch bytes {
        case .memory(let pixels):
            return Array(pixels[(rows.lowerBound * bytesPerThumbnail)..<(rows.upperBound * bytesPerThumbnail)])
        case .store(let store):
            return try store.bytes(rows: rows)
        }
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
