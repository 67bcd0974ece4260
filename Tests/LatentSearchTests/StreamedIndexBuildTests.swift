import Foundation
import LatentCore
import LatentData
import LatentImages
import LatentLinalg
import LatentModels
import LatentPictures
import LatentRetrieval
import LatentSearch
import LatentTestSupport
import Testing

/// An index built from an imported file a chunk at a time has the codes and thumbnails of one built from all of its
/// images in memory at once.
@Suite struct StreamedIndexBuildTests {
    /// Images in the imported folder; chunks of 7 leave a last chunk of 4.
    static let count = 46
    static let chunkRows = 7

    /// `count` RGB photos of 28 x 28 made of the tiny Fashion-MNIST fixture (red, green and blue each another
    /// garment), written as PNG files and imported; returns the file and the folder to remove.
    static func importedPhotos() throws -> (file: String, scratch: String) {
        let scratch = try TestData.scratchDirectory()
        let data = try KnownDataset.fashionMNIST.load(
            .train, from: TestData.repositoryRoot + "/Tests/BadInput/files/tiny")
        let area = 28 * 28
        let bytes = data.images.scalars.map { UInt8(($0 * 255).rounded()) }
        try FileManager.default.createDirectory(atPath: scratch + "/photos", withIntermediateDirectories: true)
        for i in 0..<count {
            let planes = (0..<3).map { c in ((i + c * 17) % data.count) * area }
            let pixels = (0..<(3 * area)).map { bytes[planes[$0 % 3] + $0 / 3] }  // interleaved RGB
            let png = try #require(PNGEncoder.encode(pixels, channels: 3, width: 28, height: 28))
            try png.write(to: URL(fileURLWithPath: scratch + "/photos/" + String(format: "%03d.png", i)))
        }
        let file = scratch + "/photos.h5"
        _ = try ImageFolderImport(folder: scratch + "/photos", preprocessing: Preprocessing(size: 28, colour: .rgb))
            .run(writingTo: file)
        return (file, scratch)
    }

    static func codes(_ name: String) throws -> ImageIndexBuilder.Codes {
        switch name {
        case "pca covariance": return .pca(components: 6, fitting: PCA.Fitting(solver: .covariance))
        case "pca svd": return .pca(components: 6, fitting: PCA.Fitting(solver: .svd))
        case "pca sample": return .pca(components: 6, fitting: PCA.Fitting(solver: .covariance, sample: 30, seed: 4))
        case "mirror-invariant pca":
            return .mirrorInvariant(.pca(components: 6, fitting: PCA.Fitting(solver: .covariance)))
        case "autoencoder", "mirror-invariant autoencoder":
            var generator = SeededGenerator(seed: 1)
            let model = try AutoencoderArchitecture.dense.spec(codeSize: 5, height: 28, width: 84).build(
                using: &generator)
            let codes = ImageIndexBuilder.Codes.autoencoder(Checkpoint(model: model))
            return name == "autoencoder" ? codes : .mirrorInvariant(codes)
        case "histogram": return .histogram(bins: 4)
        case "colour-edges": return .colourAndEdges(bins: 3)
        case "phash": return .perceptualHash
        case "mirror-invariant histogram": return .mirrorInvariant(.histogram(bins: 4))
        default: return .pixels
        }
    }

    @Test(arguments: [
        "pixels", "autoencoder", "mirror-invariant autoencoder", "histogram", "colour-edges", "phash",
        "mirror-invariant histogram", "pca covariance", "pca svd", "pca sample", "mirror-invariant pca",
    ])
    func streamedCodesMatchTheInMemoryOnes(codes name: String) throws {
        let (file, scratch) = try Self.importedPhotos()
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let choice = try Self.codes(name)
        let streamed = try ImageIndexBuilder.build(
            try ImportedImages.source(from: file), codes: choice, metric: .squaredL2, thumbnailSide: 10,
            chunkRows: Self.chunkRows)
        let data = try ImportedDataset(contentsOf: file)
        let whole = IndexSource(
            images: data.images, channels: 3, height: 28, width: 28, paths: data.paths, labels: data.labels,
            classNames: data.classNames, preprocessing: data.preprocessing.json)
        let inMemory = try ImageIndexBuilder.build(
            whole, codes: choice, metric: .squaredL2, thumbnailSide: 10, chunkRows: Self.count)

        #expect(streamed.codes.shape == inMemory.codes.shape)
        #expect(streamed.codes.shape[0] == Self.count)
        if name.contains("pca") || name.contains("autoencoder") {
            // PCA's covariance is summed in other chunks; OpenBLAS's sgemm rounds a row's product differently for
            // another number of rows (a few units in the last place of the autoencoder's codes).
            let tolerance: Float = name.contains("pca") ? 1e-4 : 1e-6
            let largest = zip(streamed.codes.scalars, inMemory.codes.scalars).map { abs($0 - $1) }.max() ?? .infinity
            #expect(largest <= tolerance, "largest difference \(largest)")
            #expect(inMemory.codes.scalars.map(abs).max() ?? 0 > 100 * tolerance)  // codes of real size, not zero
        } else {
            #expect(streamed.codes.scalars == inMemory.codes.scalars)
        }
        let all = 0..<Self.count
        #expect(try streamed.thumbnails.thumbnails(all) == inMemory.thumbnails.thumbnails(all))
        // Both were written to disk a chunk at a time; the whole set shrunk in memory at once is the reference.
        let shrunk = try data.images.withUnsafeBufferPointer {
            try ThumbnailSet.shrinking($0, count: Self.count, channels: 3, height: 28, width: 28, largestSide: 10)
        }
        #expect(try streamed.thumbnails.thumbnails(all) == shrunk.thumbnails(all))
        #expect((streamed.thumbnails.width, streamed.thumbnails.height) == (9, 9))  // 28 shrunk by 3
        #expect(streamed.paths == data.paths)
    }

    /// PCA on all images at once, as `PCA.fit` makes it, codes the images as the streamed index does.
    @Test func streamedPCACodesMatchAFitOnEveryImage() throws {
        let (file, scratch) = try Self.importedPhotos()
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let streamed = try ImageIndexBuilder.build(
            try ImportedImages.source(from: file), codes: try Self.codes("pca covariance"), metric: .squaredL2,
            chunkRows: Self.chunkRows)
        let images = try ImportedDataset(contentsOf: file).images
        let expected = try PCA.fit(images, components: 6, solver: .covariance).transform(images)
        let largest = zip(streamed.codes.scalars, expected.scalars).map { abs($0 - $1) }.max() ?? .infinity
        #expect(largest <= 1e-4, "largest difference \(largest)")
    }
}
