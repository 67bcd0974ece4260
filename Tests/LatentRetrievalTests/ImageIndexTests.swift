import LatentCore
import LatentRetrieval
import LatentTestSupport
import Testing

@Suite struct ImageIndexTests {
    /// An index of `count` random 2x2 grey images searched in pixel space.
    func pixelIndex(count: Int, metric: DistanceMetric) throws -> ImageIndex {
        let images = randomTensor([count, 4], in: 0...1, seed: 7)
        let thumbnails = try images.scalars.withUnsafeBufferPointer {
            try ThumbnailSet.shrinking($0, count: count, channels: 1, height: 2, width: 2, largestSide: 2)
        }
        return try ImageIndex(
            codes: images, metric: metric, codeSpace: .pixels, preprocessing: "{}", channels: 1,
            height: 2, width: 2, paths: (0..<count).map { "shoes/\($0).png" },
            labels: (0..<count).map { $0 % 2 }, classNames: ["boot", "sandal"], thumbnails: thumbnails)
    }

    @Test(arguments: DistanceMetric.allCases)
    func aDatabaseImageFindsItselfFirstAtDistanceZero(metric: DistanceMetric) throws {
        let index = try pixelIndex(count: 50, metric: metric)
        for row in [0, 17, 49] {
            let matches = try index.search(index.codes.rows(row..<(row + 1)), k: 3)[0]
            #expect(matches.map(\.rank) == [1, 2, 3])
            #expect(matches[0].row == row)
            #expect(matches[0].path == "shoes/\(row).png")
            #expect(matches[0].label == (row % 2 == 0 ? "boot" : "sandal"))
            #expect(abs(matches[0].distance) < 1e-5)
            #expect(matches[1].distance > 1e-4)
            #expect(matches[1].distance <= matches[2].distance)
        }
    }

    @Test func kMustFitTheIndex() throws {
        let index = try pixelIndex(count: 5, metric: .cosine)
        let query = index.codes.rows(0..<1)
        #expect(throws: LatentError("k = 6 must be between 1 and the 5 images in the index")) {
            try index.search(query, k: 6)
        }
        #expect(throws: LatentError("k = 0 must be between 1 and the 5 images in the index")) {
            try index.search(query, k: 0)
        }
    }

    @Test func partsThatDisagreeAreRefused() throws {
        let thumbnails = try ThumbnailSet(count: 2, height: 1, width: 1, channels: 1, pixels: [0, 255])
        #expect(throws: LatentError("2 codes but 3 paths, 2 labels and 2 thumbnails")) {
            try ImageIndex(
                codes: Tensor(zeros: [2, 1]), metric: .squaredL2, codeSpace: .pixels, preprocessing: "", channels: 1,
                height: 1, width: 1, paths: ["a", "b", "c"], labels: [0, 0], classNames: ["x"], thumbnails: thumbnails)
        }
        #expect(throws: LatentError("row 1: label 3 is not one of the 1 classes")) {
            try ImageIndex(
                codes: Tensor(zeros: [2, 1]), metric: .squaredL2, codeSpace: .pixels, preprocessing: "", channels: 1,
                height: 1, width: 1, paths: ["a", "b"], labels: [-1, 3], classNames: ["x"], thumbnails: thumbnails)
        }
    }

    @Test func thumbnailsAverageBlocksAndInterleaveChannels() throws {
        // One RGB 4x4 image, planar.
        var planar = [Float](repeating: 0, count: 3 * 16)
        for y in 0..<4 {
            for x in 0..<4 {
                planar[y * 4 + x] = x < 2 ? 0 : 1  // red: left half dark
                planar[16 + y * 4 + x] = y < 2 ? 0.2 : 0.6  // green: top half dimmer
                planar[32 + y * 4 + x] = Float((x + y) % 2)  // blue: checkerboard, averages to 0.5
            }
        }
        let set = try planar.withUnsafeBufferPointer {
            try ThumbnailSet.shrinking($0, count: 1, channels: 3, height: 4, width: 4, largestSide: 2)
        }
        #expect((set.height, set.width, set.channels) == (2, 2, 3))
        // (H, W, C): top-left (0, 51, 128), top-right (255, 51, 128), bottom-left (0, 153, 128).
        #expect(try set.thumbnail(0) == [0, 51, 128, 255, 51, 128, 0, 153, 128, 255, 153, 128])
    }
}
