import Foundation
import LatentCore
import LatentPictures
import LatentRetrieval
import LatentSearch
import LatentTestSupport
import Testing

/// Real image files through the importer's decoder and preprocessing, as `latent search` and the service read them.
@Suite struct ImageFileSearchTests {
    @Test func aDatabaseImageSearchedByItsOwnPNGFileComesBackFirst() throws {
        let folder = try TestData.scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // 12 random RGB pictures of 8x8, written as PNG files; the database holds their exact pixels.
        let (count, side) = (12, 8)
        var generator = SeededGenerator(seed: 5)
        var planar: [Float] = []
        var paths: [String] = []
        for image in 0..<count {
            var canvas = Canvas(width: side, height: side)
            var planes = [[Float]](repeating: [], count: 3)
            for y in 0..<side {
                for x in 0..<side {
                    let colour = (0..<3).map { _ in UInt8.random(in: 0...255, using: &generator) }
                    canvas.fill(x: x, y: y, width: 1, height: 1, color: (colour[0], colour[1], colour[2]))
                    for channel in 0..<3 { planes[channel].append(Float(colour[channel]) / 255) }
                }
            }
            planar += planes.joined()
            paths.append("\(folder)/\(image).png")
            try canvas.savePNG(to: paths[image])
        }
        let source = IndexSource(
            images: Tensor(shape: [count, 3 * side * side], scalars: planar), channels: 3, height: side,
            width: side, paths: paths, labels: [Int](repeating: -1, count: count), classNames: [],
            preprocessing: ImportedImages.preprocessing(side: side, grey: false))
        let index = try ImageIndexBuilder.build(source, codes: .pca(components: 6), metric: .squaredL2)
        let search = try ImageSearch(index: index, preparer: try ImportedImages.preparer(for: index))
        for row in [0, 7, 11] {
            let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: paths[row])))
            let matches = try search.search(bytes, name: paths[row], k: 2)
            #expect(matches[0].row == row)
            // |a|² + |b|² - 2 a·b in float32 leaves rounding of about 1e-7 of |a|², which is about 10 here.
            #expect(matches[0].distance < 1e-4)
            #expect(matches[1].distance > 1e-3)
            #expect(matches[0].label == "")
        }
        do {
            _ = try search.search(Array("hello".utf8), name: "upload", k: 1)
            Issue.record("a text upload was searched")
        } catch let error as SearchError {
            #expect(error.description.hasPrefix("upload: not an image Latent reads"), "\(error)")
            #expect(!error.isTooLarge)
        }
        // A PNG whose header declares 60000 x 60000 pixels is refused for its size before any decoding.
        let bomb = [UInt8](
            try Data(
                contentsOf: URL(fileURLWithPath: TestData.repositoryRoot + "/Tests/BadInput/files/search/bomb.png")))
        do {
            _ = try search.search(bomb, name: "bomb.png", k: 1)
            Issue.record("a decompression bomb was decoded")
        } catch let error as SearchError {
            #expect(error.isTooLarge)
            #expect(error.description.contains("60000x60000"), "\(error)")
        }
    }
}
