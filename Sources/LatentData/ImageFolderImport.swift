import Foundation
import LatentCore
import LatentImages
import LatentStorage

/// Imports a folder of pictures (JPEG, PNG, GIF, BMP, TIFF, WebP) into one HDF5 dataset (see `ImportedDataset` for the layout).
///
/// Files are decoded a batch at a time on every core and written as they come, so memory stays bounded by
/// a batch however large the folder. A file that cannot be read is reported to `skipped` and left out; the
/// import fails only when no image at all can be read, or the output cannot be written.
public struct ImageFolderImport {
    public let folder: String
    public let preprocessing: Preprocessing
    public let limits: DecodeLimits

    /// What an import did.
    public struct Summary: Sendable {
        public let imported: Int
        public let classNames: [String]
        /// Files left out, each with its path and reason, in path order.
        public let skipped: [ImageError]
        /// Images that sat directly in the folder, without a label.
        public let unlabelled: Int
    }

    public init(folder: String, preprocessing: Preprocessing, limits: DecodeLimits = .standard) {
        self.folder = folder
        self.preprocessing = preprocessing
        self.limits = limits
    }

    /// Imports into `out`, replacing it only once everything is written.
    ///
    /// - Parameters:
    ///   - out: the HDF5 file to write.
    ///   - progress: called after each batch with (files done, files in all).
    ///   - report: called for each file left out (skipped), as soon as it is known.
    public func run(
        writingTo out: String, progress: (Int, Int) -> Void = { _, _ in },
        skipped report: (ImageError) -> Void = { _ in }
    ) throws -> Summary {
        let listing = try ImageFolder(scanning: folder)
        var skipped = listing.skipped
        listing.skipped.forEach(report)
        var kept: [ImageFolder.Entry] = []
        var labels: [Int] = []
        var classNames: [String] = []
        try HDF5Writer.write(to: out) { writer in
            try writer.createGrowingBytes(
                "/images", itemShape: [preprocessing.channels, preprocessing.size, preprocessing.size])
            let batchSize = 64
            for start in stride(from: 0, to: listing.entries.count, by: batchSize) {
                let batch = Array(listing.entries[start..<min(start + batchSize, listing.entries.count)])
                var bytes: [UInt8] = []
                for (entry, result) in zip(batch, decode(batch, in: listing)) {
                    switch result {
                    case .success(let image):
                        bytes += image.bytes
                        kept.append(entry)
                    case .failure(let error):
                        skipped.append(error)
                        report(error)
                    }
                }
                try writer.append(bytes, to: "/images")
                progress(start + batch.count, listing.entries.count)
            }
            guard !kept.isEmpty else {
                throw DataError.invalidArgument(
                    "\(folder): no image could be read there "
                        + "(\(skipped.count) file\(skipped.count == 1 ? "" : "s") skipped)")
            }
            classNames = Set(kept.compactMap(\.label)).sorted {
                Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8))
            }
            let classIndex = Dictionary(uniqueKeysWithValues: classNames.enumerated().map { ($1, $0) })
            labels = kept.map { $0.label.flatMap { classIndex[$0] } ?? ImportedDataset.noLabel }
            try writer.writeIntegers(labels, at: "/labels")
            try writer.writeStrings(classNames, at: "/class_names")
            try writer.writeStrings(kept.map(\.relativePath), at: "/paths")
            try writer.setAttribute("format", ImportedDataset.format)
            try writer.setAttribute("version", ImportedDataset.version)
            try writer.setAttribute("preprocessing", preprocessing.json)
            try writer.setAttribute("source", folder)
            try writer.setAttribute("channels", preprocessing.channels)
            try writer.setAttribute("height", preprocessing.size)
            try writer.setAttribute("width", preprocessing.size)
        }
        return Summary(
            imported: kept.count, classNames: classNames, skipped: skipped.sorted { $0.path < $1.path },
            unlabelled: labels.filter { $0 == ImportedDataset.noLabel }.count)
    }

    /// Decodes and preprocesses `batch` on every core, results in the batch's order.
    ///
    /// - Parameters:
    ///   - batch: entries of `listing`.
    ///   - listing: the scanned folder the entries belong to.
    package func decode(
        _ batch: [ImageFolder.Entry], in listing: ImageFolder
    ) -> [Result<PreprocessedImage, ImageError>] {
        var results = [Result<PreprocessedImage, ImageError>?](repeating: nil, count: batch.count)
        results.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let slots = buffer  // Each core writes only the slots of its own range.
            parallelRanges(batch.count, clock: .elementwise) { range in  // the clock only runs in benchmarks
                for i in range {
                    let path = listing.path(of: batch[i])
                    slots[i] = Result { () throws(ImageError) in try preprocessing.image(ofFile: path, limits: limits) }
                }
            }
        }
        return results.compactMap { $0 }
    }
}
