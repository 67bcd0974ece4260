import LatentCore
import LatentData

/// Where an index's images come from, read a chunk of rows at a time as floats, so that no step holds more of them
/// as floats than a chunk.
public enum ImageRows {
    /// Pixels already in memory (a built-in dataset): (N, C*H*W) planar values in [0, 1].
    case inMemory(Tensor)
    /// An imported dataset's bytes, each chunk divided by 255 as it is read.
    case imported(ImportedImageFile)

    /// (N, C*H*W) for images as they should be; an in-memory tensor of another rank gives its own shape.
    public var shape: [Int] {
        switch self {
        case .inMemory(let images): return images.shape
        case .imported(let file): return [file.count, file.valuesPerImage]
        }
    }

    /// N, the number of images.
    public var count: Int { shape.first ?? 0 }

    /// The images `range` as (M, C*H*W) planar pixels in [0, 1].
    ///
    /// - Parameter range: which images, within `0..<count`.
    public func rows(_ range: Range<Int>) throws -> Tensor {
        switch self {
        case .inMemory(let images): return images.rows(range)
        case .imported(let file): return try file.pixels(rows: range)
        }
    }

    /// Every image as one (N, C*H*W) tensor: for studies of a few thousand images, not for a million.
    public func all() throws -> Tensor {
        switch self {
        case .inMemory(let images): return images
        case .imported(let file): return try file.pixels(rows: 0..<file.count)
        }
    }
}

extension ImageRows {
    /// Calls `body` with each chunk of at most `chunkRows` consecutive images, in order: the rows it holds and
    /// their (M, C*H*W) pixels, dropped before the next chunk is read.
    ///
    /// - Parameters:
    ///   - chunkRows: the most images a chunk holds (at least 1).
    ///   - body: takes each chunk's rows and pixels.
    public func forEachChunk(of chunkRows: Int, _ body: (Range<Int>, Tensor) throws -> Void) throws {
        let step = max(chunkRows, 1)
        for start in stride(from: 0, to: count, by: step) {
            let range = start..<min(start + step, count)
            try body(range, try rows(range))
        }
    }
}
