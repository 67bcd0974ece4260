import Foundation
import LatentCore
import LatentPictures
import LatentRetrieval
import LatentSearch
import LatentSearchTestSupport
import LatentStorage
import LatentTestSupport
import Testing

/// The classic baselines (colour histograms, perceptual hashes) and mirror-invariant codes.
@Suite struct ClassicCodesTests {
    @Test func theHistogramOfAKnownImageIsExact() {
        // 2x2 RGB pixels (planar): black, white, and twice (0.6, 0.2, 0.9); 2 bins per channel, red the first digit.
        let image = Tensor(shape: [1, 12], scalars: [0, 1, 0.6, 0.6, 0, 1, 0.2, 0.2, 0, 1, 0.9, 0.9])
        let codes = ColourHistogram.codes(of: image, channels: 3, height: 2, width: 2, bins: 2).scalars
        // Bins 000 (black) and 111 (white) hold a quarter each, bin 101 half: square roots 0.5, 0.5 and sqrt(0.5).
        var expected = [Float](repeating: 0, count: 8)
        (expected[0], expected[7], expected[5]) = (0.5, 0.5, Float(0.5).squareRoot())
        #expect(codes == expected)
        // A grey image of 4 pixels in 4 bins: 0 and 0.2 in the first, 0.5 in the third, 1 in the last.
        let grey = Tensor(shape: [1, 4], scalars: [0, 0.2, 0.5, 1])
        #expect(
            ColourHistogram.codes(of: grey, channels: 1, height: 2, width: 2, bins: 4).scalars == [
                Float(0.5).squareRoot(), 0, 0.5, 0.5,
            ])
    }

    /// A 3x32x`width` picture of soft shapes, values in [0.1, 0.8].
    static func picture(seed: UInt64, width: Int = 40) -> [Float] {
        var generator = SeededGenerator(seed: seed)
        let blobs = (0..<6).map { _ in
            (
                x: Float.random(in: 0...Float(width), using: &generator),
                y: Float.random(in: 0...32, using: &generator),
                radius: Float.random(in: 3...10, using: &generator),
                colour: (0..<3).map { _ in Float.random(in: -0.35...0.35, using: &generator) }
            )
        }
        var values = [Float](repeating: 0.45, count: 3 * 32 * width)
        for channel in 0..<3 {
            for y in 0..<32 {
                for x in 0..<width {
                    var value: Float = 0.45
                    for blob in blobs {
                        let distance =
                            ((Float(x) - blob.x) * (Float(x) - blob.x) + (Float(y) - blob.y) * (Float(y) - blob.y))
                        value += blob.colour[channel] * exp(-distance / (2 * blob.radius * blob.radius))
                    }
                    values[(channel * 32 + y) * width + x] = min(max(value, 0.1), 0.8)
                }
            }
        }
        return values
    }

    @Test func aPerceptualHashIgnoresBrightnessButTellsPicturesApart() {
        let picture = Self.picture(seed: 1)
        let brighter = picture.map { $0 * 1.1 + 0.02 }
        let other = Self.picture(seed: 2)
        let images = Tensor(shape: [3, 3840], scalars: picture + brighter + other)
        let hashes = PerceptualHash.codes(of: images, channels: 3, height: 32, width: 40).scalars
        let (first, second, third) = (hashes[0..<63], hashes[63..<126], hashes[126..<189])
        #expect(hashes.allSatisfy { $0 == 1 || $0 == -1 })
        #expect(first.elementsEqual(second))
        let differing = zip(first, third).filter { $0 != $1 }.count
        #expect(differing > 10, "\(differing) of 63 bits differ")
        // Squared L2 distance is 4 times the Hamming distance.
        #expect(zip(first, third).map { ($0 - $1) * ($0 - $1) }.reduce(0, +) == Float(4 * differing))
    }

    /// 40 random 6x6 RGB images whose last is the mirror of row 11.
    static func sourceWithAMirror() -> IndexSource {
        var source = SearchFixtures.source()
        let images = try! source.pixels.all()
        var values = images.scalars
        let mirror = images.mirroredHorizontally(width: 6).scalars
        values.replaceSubrange((39 * 108)..<(40 * 108), with: mirror[(11 * 108)..<(12 * 108)])
        source.pixels = .inMemory(Tensor(shape: [40, 108], scalars: values))
        return source
    }

    @Test(arguments: ["pixels", "histogram", "phash", "pca"])
    func aMirroredImageHasTheSameMirrorInvariantCode(space: String) throws {
        let plain: ImageIndexBuilder.Codes =
            switch space {
            case "histogram": .histogram(bins: 4)
            case "phash": .perceptualHash
            case "pca": .pca(components: 8)
            default: .pixels
            }
        let index = try ImageIndexBuilder.build(
            Self.sourceWithAMirror(), codes: .mirrorInvariant(plain), metric: .cosine)
        let codes = index.codes.scalars
        let dimension = index.dimension
        let (original, mirrored) = (
            codes[(11 * dimension)..<(12 * dimension)], codes[(39 * dimension)..<(40 * dimension)]
        )
        // Projections through sgemm may sum a row in another order at another position of the batch.
        let tolerance: Float = space == "pca" ? 1e-5 : 0
        #expect(zip(original, mirrored).allSatisfy { abs($0 - $1) <= tolerance })
        #expect(index.codeSpace.name.hasPrefix("mirror-invariant "))
        let other = codes[(12 * dimension)..<(13 * dimension)]
        #expect(!zip(original, other).allSatisfy { abs($0 - $1) <= 1e-3 })
    }

    @Test func searchFindsAMirroredCopyFirstOnlyWhenMirrorInvariant() throws {
        let folder = try TestData.scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // 10 pictures of 32x32 whose mirrored copies are the queries, written as PNG files.
        let pictures = (0..<10).map { Self.picture(seed: UInt64($0 + 10), width: 32) }
        let images = Tensor(shape: [10, 3072], scalars: Array(pictures.joined()))
        let source = IndexSource(
            images: images, channels: 3, height: 32, width: 32, paths: (0..<10).map { "\(folder)/\($0).png" },
            labels: [Int](repeating: -1, count: 10), classNames: [],
            preprocessing: ImportedImages.preprocessing(side: 32, grey: false))
        let mirrored = images.mirroredHorizontally(width: 32).scalars
        var queries: [[UInt8]] = []
        for row in 0..<10 {
            var canvas = Canvas(width: 32, height: 32)
            for y in 0..<32 {
                for x in 0..<32 {
                    let colour = (0..<3).map { UInt8((mirrored[row * 3072 + ($0 * 32 + y) * 32 + x] * 255).rounded()) }
                    canvas.fill(x: x, y: y, width: 1, height: 1, color: (colour[0], colour[1], colour[2]))
                }
            }
            let path = "\(folder)/mirrored-\(row).png"
            try canvas.savePNG(to: path)
            queries.append([UInt8](try Data(contentsOf: URL(fileURLWithPath: path))))
        }
        func firstMatches(_ codes: ImageIndexBuilder.Codes) throws -> [Int] {
            let index = try ImageIndexBuilder.build(source, codes: codes, metric: .cosine)
            let search = try ImageSearch(index: index, preparer: try ImportedImages.preparer(for: index))
            return try queries.map { try search.search($0, name: "mirrored", k: 1)[0].row }
        }
        #expect(try firstMatches(.mirrorInvariant(.pca(components: 6))) == Array(0..<10))
        #expect(try firstMatches(.mirrorInvariant(.pixels)) == Array(0..<10))
        #expect(try firstMatches(.pca(components: 6)) != Array(0..<10))
    }

    @Test func mirrorInvariantIndexesAreVersionTwoAndPlainOnesStayVersionOne() throws {
        let folder = try TestData.scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let source = SearchFixtures.source()
        for (codes, version) in [
            (ImageIndexBuilder.Codes.pca(components: 4), "1"), (.mirrorInvariant(.pca(components: 4)), "2"),
        ] {
            let path = folder + "/index.h5"
            try ImageIndexBuilder.build(source, codes: codes, metric: .cosine).save(to: path)
            #expect(try HDF5File.open(path).stringAttribute("format_version") == version)
        }
        #expect(throws: SearchError("mirror-invariant codes of mirror-invariant codes")) {
            try ImageIndexBuilder.build(source, codes: .mirrorInvariant(.mirrorInvariant(.pixels)), metric: .cosine)
        }
        #expect(throws: SearchError("--histogram 20: bins per channel must be 2-16")) {
            try ImageIndexBuilder.build(source, codes: .histogram(bins: 20), metric: .cosine)
        }
    }
}

/// Edge-direction histograms and the colour-and-edges codes built on them.
@Suite struct EdgeHistogramTests {
    /// A 4x4 grey image, 0 where `isDark(y, x)`, else 1.
    static func steps(_ isDark: (Int, Int) -> Bool) -> Tensor {
        Tensor(shape: [1, 16], scalars: (0..<16).map { isDark($0 / 4, $0 % 4) ? 0 : 1 })
    }

    @Test func theEdgesOfKnownImagesAreExact() {
        func code(_ image: Tensor) -> [Float] {
            EdgeHistogram.codes(of: image, channels: 1, height: 4, width: 4).scalars
        }
        // The inner pixels are rows 1 (upper band) and 2 (lower band), columns 1 and 2; each sees a step of 1.
        var across = [Float](repeating: 0, count: 16)
        (across[4], across[12]) = (Float(0.5).squareRoot(), Float(0.5).squareRoot())  // dy = 0: direction 0, bin 4
        #expect(code(Self.steps { _, x in x < 2 }) == across)
        #expect(code(Self.steps { _, x in x >= 2 }) == across)  // its mirror: the same code
        var down = [Float](repeating: 0, count: 16)
        (down[7], down[15]) = (Float(0.5).squareRoot(), Float(0.5).squareRoot())  // dx = 0: direction pi/2, last bin
        #expect(code(Self.steps { y, _ in y < 2 }) == down)
        #expect(code(Self.steps { _, _ in true }) == [Float](repeating: 0, count: 16))  // no edge, no vote
    }

    @Test func aMirroredPhotoHasTheSameColourAndEdgeCode() {
        let picture = ClassicCodesTests.picture(seed: 3)
        let images = Tensor(shape: [2, 3840], scalars: picture + ClassicCodesTests.picture(seed: 4))
        let codes = ColourAndEdgeHistogram.codes(of: images, channels: 3, height: 32, width: 40, bins: 4)
        let mirrored = ColourAndEdgeHistogram.codes(
            of: images.mirroredHorizontally(width: 40), channels: 3, height: 32, width: 40, bins: 4)
        #expect(codes.shape == [2, 64 + EdgeHistogram.length])
        // The votes are summed in another order, hence the tolerance.
        #expect(zip(codes.scalars, mirrored.scalars).allSatisfy { abs($0 - $1) <= 1e-6 })
        // Unit length, half of it colour and half edges, so cosine is the mean of the two histograms' cosines.
        func dot(_ a: ArraySlice<Float>, _ b: ArraySlice<Float>) -> Float { zip(a, b).map(*).reduce(0, +) }
        let all = codes.scalars[...]
        let (first, second) = (all[0..<80], all[80..<160])
        #expect(abs(dot(first, first) - 1) < 1e-5)
        #expect(abs(dot(first[0..<64], first[0..<64]) - 0.5) < 1e-5)
        let colours = ColourHistogram.codes(of: images, channels: 3, height: 32, width: 40, bins: 4).scalars[...]
        let edges = EdgeHistogram.codes(of: images, channels: 3, height: 32, width: 40).scalars[...]
        let colourCosine = dot(colours[0..<64], colours[64..<128])
        let edgeCosine = dot(edges[0..<16], edges[16..<32])
        let mean = (colourCosine + edgeCosine) / 2
        #expect(abs(dot(first, second) - mean) < 1e-5)
        #expect(mean < 0.99)  // two different pictures
    }
}
