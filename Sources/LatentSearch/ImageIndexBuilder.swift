import Foundation
import LatentCore
import LatentLinalg
import LatentModels
import LatentRetrieval

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

    /// The index of every image in `source`, coded the way `choice` says.
    ///
    /// - Parameters:
    ///   - source: the images, their paths and labels.
    ///   - choice: which codes to search: pixels, PCA's, an autoencoder's, a layer's activations, colour histograms
    ///     (with or without edge histograms) or perceptual hashes, each optionally mirror-invariant.
    ///   - metric: the distance between codes that the index searches by.
    ///   - thumbnailSide: the longest side of the stored thumbnails, in pixels.
    public static func build(
        _ source: IndexSource, codes choice: Codes, metric: DistanceMetric,
        thumbnailSide: Int = 64
    ) throws -> ImageIndex {
        let inputSize = source.channels * source.height * source.width
        guard source.images.rank == 2, source.images.shape == [source.paths.count, inputSize], !source.paths.isEmpty
        else {
            throw SearchError(
                "expected \(source.paths.count) images of \(inputSize) values, got pixels of shape \(source.images.shape)"
            )
        }
        let codeSpace = try self.codeSpace(for: choice, of: source, fittedOn: { source.images })
        let codes = try QueryEncoder(codeSpace, channels: source.channels, height: source.height, width: source.width)
            .codes(of: source.images)
        let thumbnails = try source.images.withUnsafeBufferPointer {
            try ThumbnailSet.shrinking(
                $0, count: source.paths.count, channels: source.channels, height: source.height,
                width: source.width, largestSide: thumbnailSide)
        }
        return try ImageIndex(
            codes: codes, metric: metric, codeSpace: codeSpace, preprocessing: source.preprocessing,
            channels: source.channels, height: source.height, width: source.width, paths: source.paths,
            labels: source.labels, classNames: source.classNames, thumbnails: thumbnails)
    }

    /// The code space `choice` asks for, PCA fitted on `images` (the source's, or their symmetric halves), which only
    /// PCA makes.
    private static func codeSpace(
        for choice: Codes, of source: IndexSource, fittedOn images: () -> Tensor
    ) throws -> CodeSpace {
        switch choice {
        case .pixels:
            return .pixels
        case .pca(let components, let fitting):
            let inputSize = source.channels * source.height * source.width
            let limit = min(source.paths.count, inputSize)
            guard components <= limit else {
                throw SearchError(
                    "--pca \(components) is more than the \(limit) components \(source.paths.count) images of "
                        + "\(inputSize) values have")
            }
            let pca = try PCA.fit(images(), components: components, fitting: fitting)
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
            let symmetric = {
                let whole = images()
                return (whole + whole.mirroredHorizontally(width: source.width)) * 0.5
            }
            return .mirrorInvariant(try codeSpace(for: plain, of: source, fittedOn: symmetric))
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
