import Foundation
import LatentCore
import LatentLinalg
import LatentModels
import LatentRetrieval
import LatentStorage

/// Builds an image index: codes for every image through the code space a query will go through too.
public enum ImageIndexBuilder {
    /// Which codes to search.
    public enum Codes {
        case pixels
        /// PCA fitted on the images (all, or a sample, by the solver `fitting` names), with this many components.
        case pca(components: Int, fitting: PCA.Fitting = PCA.Fitting())
        /// An autoencoder's codes.
        case autoencoder(Checkpoint)
        /// A trained model's activations at a layer.
        case features(Checkpoint, layer: String)
        /// Joint colour histograms with this many bins per channel (`ColourHistogram`).
        case histogram(bins: Int)
        /// Colour histograms with this many bins per channel beside edge-direction histograms
        /// (`ColourAndEdgeHistogram`).
        case colourAndEdges(bins: Int)
        /// Perceptual hashes (`PerceptualHash`).
        case perceptualHash
        /// The mean of these codes of an image and of its left-right mirror, for queries and database alike; PCA is
        /// then fitted on images made symmetric, (x + mirror(x)) / 2, whose codes those means are.
        indirect case mirrorInvariant(Codes)
    }

    /// The index of every image in `source`, coded the way `choice` says, reading the images a chunk at a time.
    ///
    /// Each chunk is read (as bytes, for an imported file), made floats, coded, shrunk to thumbnails that go to a
    /// scratch file on disk, and dropped, so memory holds one chunk beside the codes; PCA reads the images once more
    /// before, a chunk at a time, to accumulate their covariance or gather the rows it fits on. The index's
    /// thumbnails are read from the scratch file, which `save(to:)` copies into the index file.
    ///
    /// - Parameters:
    ///   - source: the images, their paths and labels.
    ///   - choice: which codes to search: pixels, PCA's, an autoencoder's, a layer's activations, colour histograms
    ///     (with or without edge histograms) or perceptual hashes, each optionally mirror-invariant.
    ///   - metric: the distance between codes that the index searches by.
    ///   - thumbnailSide: the longest side of the stored thumbnails, in pixels.
    ///   - chunkRows: the most images read at a time; `nil` takes `PCA.chunkRows(features:)`, about 16 MB of floats.
    ///   - scratchFolder: where the thumbnails' scratch file is made (unlinked at once, so nothing is left there);
    ///     its disk holds them until the index is gone. The temporary folder when `nil`.
    public static func build(
        _ source: IndexSource, codes choice: Codes, metric: DistanceMetric,
        thumbnailSide: Int = 64, chunkRows: Int? = nil, scratchFolder: String? = nil
    ) throws -> ImageIndex {
        let (count, inputSize) = (source.paths.count, source.valuesPerImage)
        guard source.pixels.shape == [count, inputSize], count > 0 else {
            throw SearchError(
                "expected \(count) images of \(inputSize) values, got pixels of shape \(source.pixels.shape)")
        }
        let chunkRows = max(chunkRows ?? PCA.chunkRows(features: inputSize), 1)
        let codeSpace = try self.codeSpace(for: choice, of: source, chunkRows: chunkRows, fittingOn: { $0 })
        let encoder = try QueryEncoder(codeSpace, channels: source.channels, height: source.height, width: source.width)
        var codes: Tensor?
        var thumbnails: HDF5ByteRows?
        try source.pixels.forEachChunk(of: chunkRows) { rows, images in
            let chunkCodes = try encoder.codes(of: images)
            let all = codes ?? Tensor(uninitializedShape: [count] + chunkCodes.shape.dropFirst())
            codes = all
            let size = chunkCodes.count / rows.count
            all.withUnsafeMutableBufferPointer { all in
                chunkCodes.withUnsafeBufferPointer { chunk in
                    (all.baseAddress! + rows.lowerBound * size).update(from: chunk.baseAddress!, count: chunk.count)
                }
            }
            let small = try images.withUnsafeBufferPointer {
                try ThumbnailSet.shrinking(
                    $0, count: rows.count, channels: source.channels, height: source.height, width: source.width,
                    largestSide: thumbnailSide)
            }
            let scratch =
                try thumbnails
                ?? HDF5ByteRows.scratch(
                    in: scratchFolder ?? FileManager.default.temporaryDirectory.path, dataset: "/thumbnails",
                    itemShape: [small.height, small.width, small.channels])
            thumbnails = scratch
            try scratch.append(small.thumbnails(0..<small.count))
        }
        guard let codes, let thumbnails else { preconditionFailure("\(count) images read as no chunk") }
        return try ImageIndex(
            codes: codes, metric: metric, codeSpace: codeSpace,
            preprocessing: source.preprocessing, channels: source.channels, height: source.height,
            width: source.width, paths: source.paths, labels: source.labels, classNames: source.classNames,
            thumbnails: try ThumbnailSet(
                count: count, height: thumbnails.itemShape[0], width: thumbnails.itemShape[1],
                channels: source.channels, store: DiskThumbnails(thumbnails)))
    }

    /// The code space `choice` asks for, PCA fitted a chunk at a time on the source's images as `prepare` makes them
    /// (themselves, or their symmetric halves), which only PCA makes.
    private static func codeSpace(
        for choice: Codes, of source: IndexSource, chunkRows: Int, fittingOn prepare: (Tensor) -> Tensor
    ) throws -> CodeSpace {
        switch choice {
        case .pixels:
            return .pixels
        case .pca(let components, let fitting):
            let (count, inputSize) = (source.paths.count, source.valuesPerImage)
            let limit = min(count, inputSize)
            guard components <= limit else {
                throw SearchError(
                    "--pca \(components) is more than the \(limit) components \(count) images of "
                        + "\(inputSize) values have")
            }
            let pca = try fittedPCA(
                on: source, components: components, fitting: fitting, chunkRows: chunkRows, preparing: prepare)
            return .pca(mean: pca.mean, components: pca.components)
        case .autoencoder(let checkpoint):
            return .autoencoder(try stored(checkpoint))
        case .features(let checkpoint, let layer):
            return .features(try stored(checkpoint), layer: layer)
        case .histogram(let bins):
            try requireBins(bins, of: source, for: "--histogram")
            return .histogram(bins: bins)
        case .colourAndEdges(let bins):
            try requireBins(bins, of: source, for: "--colour-edges")
            return .colourAndEdges(bins: bins)
        case .perceptualHash:
            try requireGreyOrColour(source, for: "--phash")
            return .perceptualHash
        case .mirrorInvariant(let plain):
            if case .mirrorInvariant = plain { throw SearchError("mirror-invariant codes of mirror-invariant codes") }
            let symmetric = try codeSpace(for: plain, of: source, chunkRows: chunkRows) { images in
                let prepared = prepare(images)
                return (prepared + prepared.mirroredHorizontally(width: source.width)) * 0.5
            }
            return .mirrorInvariant(symmetric)
        }
    }

    private static func requireBins(_ bins: Int, of source: IndexSource, for option: String) throws {
        try requireGreyOrColour(source, for: option)
        guard ColourHistogram.binRange.contains(bins) else {
            throw SearchError(
                "\(option) \(bins): bins per channel must be \(ColourHistogram.binRange.lowerBound)-"
                    + "\(ColourHistogram.binRange.upperBound)")
        }
    }

    private static func requireGreyOrColour(_ source: IndexSource, for option: String) throws {
        guard source.channels == 1 || source.channels == 3 else {
            throw SearchError("\(option) takes grey or RGB images, not images of \(source.channels) channels")
        }
    }

    private static func stored(_ checkpoint: Checkpoint) throws -> CodeSpace.StoredModel {
        let architecture = String(decoding: try JSONEncoder().encode(checkpoint.architecture), as: UTF8.self)
        return CodeSpace.StoredModel(architecture: architecture, tensors: checkpoint.tensors)
    }
}
