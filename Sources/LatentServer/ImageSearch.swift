import LatentCore
import LatentRetrieval

/// Answers "which database images look like this one?" for an image file that need not be in the database.
///
/// Loaded once and read-only afterwards, so one value serves any number of concurrent requests.
public final class ImageSearch: Sendable {
    public let index: ImageIndex
    private let encoder: QueryEncoder
    private let preparer: any ImagePreparing

    public init(index: ImageIndex, preparer: any ImagePreparing) throws {
        self.index = index
        self.preparer = preparer
        encoder = try QueryEncoder(index.codeSpace, inputSize: index.channels * index.height * index.width)
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
        let codes = try encoder.codes(of: Tensor(shape: [1, pixels.count], scalars: pixels))
        return try index.search(codes, k: k)[0]
    }
}
