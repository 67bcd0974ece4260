import Foundation
import LatentCore
import LatentRetrieval

/// Answers "which database images look like this one?" for an image file that need not be in the database.
///
/// Loaded once and read-only afterwards, so one value serves any number of concurrent requests. Decoding runs
/// concurrently; encoding and searching run one query at a time, because each already uses every core
/// (sgemm and the selection of the k best are parallel) and concurrent ones only fight over them.
public final class ImageSearch: @unchecked Sendable {
    public let index: ImageIndex
    private let encoder: QueryEncoder
    private let preparer: any ImagePreparing
    /// The search breadth through the index's HNSW graph, `nil` for its default; an index without one ignores it.
    private let ef: Int?
    private let oneAtATime = NSLock()

    /// - Parameters:
    ///   - index: the loaded index.
    ///   - preparer: how an image file becomes the pixels the index's code space takes.
    ///   - ef: the search breadth through the index's HNSW graph, `nil` for `HNSWGraph.defaultEf`.
    public init(index: ImageIndex, preparer: any ImagePreparing, ef: Int? = nil) throws {
        self.index = index
        self.preparer = preparer
        self.ef = ef
        encoder = try QueryEncoder(index.codeSpace, channels: index.channels, height: index.height, width: index.width)
    }

    /// The pixels of an image file, processed as the database was.
    public func prepare(_ bytes: [UInt8], name: String) throws -> [Float] {
        let pixels = try preparer.prepare(bytes, name: name)
        let expected = index.channels * index.height * index.width
        guard pixels.count == expected else {
            throw SearchError("\(name): prepared \(pixels.count) values, the index takes \(expected)")
        }
        return pixels
    }

    /// The `k` database images nearest to the image in `bytes`, nearest first.
    public func search(_ bytes: [UInt8], name: String, k: Int) throws -> [ImageMatch] {
        try search(pixels: try prepare(bytes, name: name), k: k)
    }

    /// The `k` database images nearest to prepared pixels (C*H*W), nearest first.
    public func search(pixels: [Float], k: Int) throws -> [ImageMatch] {
        try oneAtATime.withLock {
            try index.search(try encoder.codes(of: Tensor(shape: [1, pixels.count], scalars: pixels)), k: k, ef: ef)[0]
        }
    }

    /// The (1, D) code of prepared pixels (C*H*W), made as the database's codes were.
    public func code(of pixels: [Float]) throws -> Tensor {
        try oneAtATime.withLock { try encoder.codes(of: Tensor(shape: [1, pixels.count], scalars: pixels)) }
    }

    /// The (N, D) codes of N prepared images (N, C*H*W), made as the database's codes were, in one pass of the
    /// encoder: one product for PCA, one forward pass for a model.
    ///
    /// - Parameter images: N rows of prepared pixels.
    public func codes(of images: Tensor) throws -> Tensor {
        try oneAtATime.withLock { try encoder.codes(of: images) }
    }

    /// The `k` database images nearest to database image `row` (itself first), from its stored code.
    public func neighbours(ofRow row: Int, k: Int) throws -> [ImageMatch] {
        guard (0..<index.count).contains(row) else {
            throw SearchError("no image \(row) in the index (rows 0 to \(index.count - 1))")
        }
        return try oneAtATime.withLock { try index.search(index.codes.rows(row..<(row + 1)), k: k, ef: ef)[0] }
    }
}
