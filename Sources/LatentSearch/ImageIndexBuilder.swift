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
        /// PCA fitted on the images, with this many components.
        case pca(components: Int)
        /// An autoencoder's codes.
        case autoencoder(Checkpoint)
        /// A trained model's activations at a layer.
        case features(Checkpoint, layer: String)
    }

    /// The index of every image in `source`, coded the way `choice` says.
    ///
    /// - Parameters:
    ///   - source: the images, their paths and labels.
    ///   - choice: which codes to search: pixels, PCA's, an autoencoder's or a layer's activations.
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
        let codeSpace: CodeSpace
        switch choice {
        case .pixels:
            codeSpace = .pixels
        case .pca(let components):
            let limit = min(source.paths.count, inputSize)
            guard components <= limit else {
                throw SearchError(
                    "--pca \(components) is more than the \(limit) components \(source.paths.count) images of "
                        + "\(inputSize) values have")
            }
            let pca = try PCA.fit(source.images, components: components)
            codeSpace = .pca(mean: pca.mean, components: pca.components)
        case .autoencoder(let checkpoint):
            codeSpace = .autoencoder(try stored(checkpoint))
        case .features(let checkpoint, let layer):
            codeSpace = .features(try stored(checkpoint), layer: layer)
        }
        let codes = try QueryEncoder(codeSpace, inputSize: inputSize).codes(of: source.images)
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

    private static func stored(_ checkpoint: Checkpoint) throws -> CodeSpace.StoredModel {
        let architecture = String(decoding: try JSONEncoder().encode(checkpoint.architecture), as: UTF8.self)
        return CodeSpace.StoredModel(architecture: architecture, tensors: checkpoint.tensors)
    }
}
