import Foundation
import LatentCore
import LatentModels
import LatentNN
import LatentRetrieval
import LatentSearch
import LatentSearchTestSupport
import LatentStorage
import LatentTestSupport
import Testing

@Suite struct ImageIndexArchiveTests {
    @Test(arguments: ["pixels", "pca", "autoencoder", "histogram", "colour-edges", "phash", "mirror-invariant pca"])
    func savedIndexLoadsBackTheSame(codes: String) throws {
        let folder = try TestData.scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let source = SearchFixtures.source()
        let choice: ImageIndexBuilder.Codes
        switch codes {
        case "pca": choice = .pca(components: 5)
        case "autoencoder":
            var generator = SeededGenerator(seed: 1)
            let model = try AutoencoderArchitecture.dense.spec(codeSize: 4, height: 6, width: 18).build(
                using: &generator)
            choice = .autoencoder(Checkpoint(model: model))
        case "histogram": choice = .histogram(bins: 4)
        case "colour-edges": choice = .colourAndEdges(bins: 4)
        case "phash": choice = .perceptualHash
        case "mirror-invariant pca": choice = .mirrorInvariant(.pca(components: 5))
        default: choice = .pixels
        }
        let index = try ImageIndexBuilder.build(source, codes: choice, metric: .cosine, thumbnailSide: 3)
        let path = folder + "/photos.index.h5"
        try index.save(to: path)
        let loaded = try ImageIndex.load(from: path)
        #expect(loaded.codes.shape == index.codes.shape)
        #expect(loaded.codes.scalars == index.codes.scalars)
        #expect(loaded.paths == source.paths)
        #expect(loaded.labels == source.labels)
        #expect(loaded.classNames == ["bags", "shoes"])
        #expect(try loaded.thumbnails.thumbnails(0..<index.count) == index.thumbnails.thumbnails(0..<index.count))
        #expect((loaded.thumbnails.width, loaded.thumbnails.height, loaded.thumbnails.channels) == (3, 3, 3))
        #expect(loaded.preprocessing == source.preprocessing)
        #expect(loaded.metric == .cosine)
        #expect(loaded.codeSpace.name == index.codeSpace.name)
        #expect((loaded.channels, loaded.height, loaded.width) == (3, 6, 6))
        // The loaded code space makes the same codes from the same pixels: what a query relies on.
        let search = try ImageSearch(index: loaded, preparer: RawPixels(valuesPerImage: 108))
        let matches = try search.search(SearchFixtures.queryBytes(of: 11, in: source), name: "row 11", k: 2)
        #expect(matches[0].row == 11)
        #expect(abs(matches[0].distance) < 1e-5)
        #expect(matches[0].path == "photos/shoes/img 11, ü.png")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["photos.index.h5"])
    }

    @Test func aFileThatIsNotAnIndexIsNamedAsSuch() throws {
        let folder = try TestData.scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let archive = folder + "/codes.h5"
        try TensorArchive(tensors: ["train": Tensor(zeros: [2, 2])]).save(to: archive)
        #expect(
            throws: LatentError(
                "\(archive): an HDF5 file, but not a Latent image index (no format attribute \"latent-image-index\")")
        ) {
            try ImageIndex.load(from: archive)
        }
        let text = folder + "/notes.txt"
        try "hello".write(toFile: text, atomically: true, encoding: .utf8)
        #expect(throws: LatentError("\(text): not an HDF5 file (no HDF5 signature)")) {
            try ImageIndex.load(from: text)
        }
        #expect(throws: LatentError("\(folder)/missing.h5: no such file")) {
            try ImageIndex.load(from: folder + "/missing.h5")
        }
    }

    @Test(arguments: ["/pca/mean", "/pca/components"])
    func aDamagedPCABasisIsNamedWithItsFile(damaged: String) throws {
        let folder = try TestData.scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let index = try ImageIndexBuilder.build(SearchFixtures.source(), codes: .pca(components: 5), metric: .cosine)
        guard case .pca(let mean, let components) = index.codeSpace else {
            Issue.record("a PCA index without a PCA code space")
            return
        }
        let target = damaged == "/pca/mean" ? mean : components
        var scalars = target.scalars
        scalars[3] = .nan
        let broken = Tensor(shape: target.shape, scalars: scalars)
        let path = folder + "/photos.index.h5"
        try ImageIndex(
            codes: index.codes, metric: index.metric,
            codeSpace: damaged == "/pca/mean"
                ? .pca(mean: broken, components: components) : .pca(mean: mean, components: broken),
            preprocessing: index.preprocessing, channels: index.channels, height: index.height, width: index.width,
            paths: index.paths, labels: index.labels, classNames: index.classNames, thumbnails: index.thumbnails
        ).save(to: path)
        #expect(
            throws: LatentError("\(path): \(damaged) holds a non-finite value at index 3; the index is damaged")
        ) {
            try ImageIndex.load(from: path)
        }
    }

    @Test func aTruncatedIndexIsRefusedWithoutACrash() throws {
        let folder = try TestData.scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/photos.index.h5"
        try ImageIndexBuilder.build(SearchFixtures.source(count: 300), codes: .pixels, metric: .squaredL2).save(
            to: path)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        for fraction in [0.3, 0.6, 0.9] {
            try bytes.prefix(Int(Double(bytes.count) * fraction)).write(to: URL(fileURLWithPath: path))
            #expect(throws: LatentError.self) { try ImageIndex.load(from: path) }
        }
    }
}
