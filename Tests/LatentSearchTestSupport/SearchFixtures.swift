import LatentCore
import LatentRetrieval
import LatentSearch

/// A query "file" that is the image's bytes themselves (C*H*W, one per value), so that the service can be
/// tested without an image decoder; "BIG" at the start stands for an image refused for its size.
package struct RawPixels: ImagePreparing {
    package let valuesPerImage: Int

    package init(valuesPerImage: Int) {
        self.valuesPerImage = valuesPerImage
    }

    package func prepare(_ bytes: [UInt8], name: String) throws -> [Float] {
        if bytes.starts(with: Array("BIG".utf8)) { throw SearchError("\(name): too many pixels", isTooLarge: true) }
        guard bytes.count == valuesPerImage else {
            throw SearchError("\(name): not an image (\(bytes.count) bytes, expected \(valuesPerImage))")
        }
        return bytes.map { Float($0) / 255 }
    }
}

package enum SearchFixtures {
    /// `count` random RGB images of `side` x `side`, whole bytes scaled to [0, 1] like decoded files.
    package static func source(count: Int = 40, side: Int = 6, channels: Int = 3, seed: UInt64 = 3) -> IndexSource {
        let values = count * channels * side * side
        var generator = SeededGenerator(seed: seed)
        let bytes = (0..<values).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return IndexSource(
            images: Tensor(shape: [count, channels * side * side], scalars: bytes.map { Float($0) / 255 }),
            channels: channels, height: side, width: side,
            paths: (0..<count).map { "photos/\($0 % 3 == 0 ? "bags" : "shoes")/img \($0), ü.png" },
            labels: (0..<count).map { $0 % 3 == 0 ? 0 : 1 }, classNames: ["bags", "shoes"],
            preprocessing: #"{"size":\#(side)}"#)
    }

    /// The bytes a `RawPixels` query of database row `row` sends.
    package static func queryBytes(of row: Int, in source: IndexSource) -> [UInt8] {
        let width = source.valuesPerImage
        return try! source.pixels.all().scalars[(row * width)..<((row + 1) * width)].map { UInt8(($0 * 255).rounded()) }
    }
}
