import LatentCore
import LatentData
import LatentImages
import LatentRetrieval

/// An index of a folder's photos made in memory, without an import: the photos are decoded and preprocessed as
/// `latent data import` does, a batch at a time on every core, and coded batch by batch, so that the whole folder's
/// pixels are never held at once, only its codes and thumbnails.
public enum PhotoFolderIndex {
    /// Files decoded and coded at a time.
    static let batchSize = 64

    /// The index of every image file under `folder` (subfolders too, hidden files left out), in path order.
    ///
    /// - Parameters:
    ///   - folder: the folder to read.
    ///   - preprocessing: how each file becomes pixels (size, colour, crop), as `data import` takes it.
    ///   - codeSpace: the codes to make; one that needs no fitting (pixels, histograms, perceptual hashes).
    ///   - metric: the distance the index searches by.
    ///   - thumbnailSide: the longest side of the kept thumbnails, in pixels.
    ///   - limits: the largest file and picture decoded.
    ///   - report: called with each file that cannot be read or decoded, as it is met; the file is left out.
    /// - Returns: the index, whose paths are `folder/relative/path` as found.
    public static func build(
        folder: String, preprocessing: Preprocessing, codes codeSpace: CodeSpace, metric: DistanceMetric,
        thumbnailSide: Int = 64, limits: DecodeLimits = .standard, skipped report: (ImageError) -> Void = { _ in }
    ) throws -> ImageIndex {
        let listing: ImageFolder
        do {
            listing = try ImageFolder(scanning: folder)
        } catch {
            throw SearchError(error.description)
        }
        listing.skipped.forEach(report)
        guard !listing.entries.isEmpty else { throw SearchError("\(listing.root): the folder holds no files") }
        let (channels, side) = (preprocessing.channels, preprocessing.size)
        let encoder = try QueryEncoder(codeSpace, channels: channels, height: side, width: side)
        let decoder = ImageFolderImport(folder: folder, preprocessing: preprocessing, limits: limits)
        var paths: [String] = []
        var codes: [Float] = []
        var thumbnailPixels: [UInt8] = []
        var thumbnailShape = (height: 0, width: 0)
        var skipped = listing.skipped.count
        for start in stride(from: 0, to: listing.entries.count, by: batchSize) {
            let batch = Array(listing.entries[start..<min(start + batchSize, listing.entries.count)])
            let size = preprocessing.valuesPerImage
            var bytes = [UInt8](repeating: 0, count: batch.count * size)
            let failures = bytes.withUnsafeMutableBufferPointer { decoder.decode(batch, in: listing, into: $0) }
            var kept: [Int] = []
            for (i, failure) in failures.enumerated() {
                if let failure {
                    skipped += 1
                    report(failure)
                } else {
                    kept.append(i)
                    paths.append(listing.path(of: batch[i]))
                }
            }
            guard !kept.isEmpty else { continue }
            let images = Tensor(uninitializedShape: [kept.count, size])
            images.withUnsafeMutableBufferPointer { pixels in
                bytes.withUnsafeBufferPointer { bytes in
                    for (row, i) in kept.enumerated() {
                        for j in 0..<size { pixels[row * size + j] = PreprocessedImage.unitPixel(bytes[i * size + j]) }
                    }
                }
            }
            try encoder.codes(of: images).withUnsafeBufferPointer { codes.append(contentsOf: $0) }
            let thumbnails = try images.withUnsafeBufferPointer {
                try ThumbnailSet.shrinking(
                    $0, count: kept.count, channels: channels, height: side, width: side, largestSide: thumbnailSide)
            }
            thumbnailPixels += try thumbnails.thumbnails(0..<thumbnails.count)
            thumbnailShape = (thumbnails.height, thumbnails.width)
        }
        guard !paths.isEmpty else {
            throw SearchError(
                "\(listing.root): no image could be read there (\(skipped) file\(skipped == 1 ? "" : "s") skipped)")
        }
        return try ImageIndex(
            codes: Tensor(shape: [paths.count, codes.count / paths.count], scalars: codes), metric: metric,
            codeSpace: codeSpace, preprocessing: preprocessing.json, channels: channels, height: side, width: side,
            paths: paths, labels: [Int](repeating: ImportedDataset.noLabel, count: paths.count), classNames: [],
            thumbnails: try ThumbnailSet(
                count: paths.count, height: thumbnailShape.height, width: thumbnailShape.width, channels: channels,
                pixels: thumbnailPixels))
    }
}
