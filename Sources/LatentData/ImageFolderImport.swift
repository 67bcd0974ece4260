import Foundation
import LatentCore
import LatentImages
import LatentStorage

/// Imports a folder of pictures (JPEG, PNG, GIF, BMP, TIFF, WebP) into one HDF5 dataset (see `ImportedDataset` for the layout).
///
/// Files are decoded a batch at a time on every core and written as they come. A batch holds at most
/// `batchBytes` of preprocessed pixels (and at least one image), so memory stays bounded by the batch however large
/// the folder or the images: 64 photos at 64 x 64, 5 at 4096 x 4096. A file that cannot be read is reported to
/// `skipped` and left out; the import fails only when no image at all can be read, or the output cannot be written.
public struct ImageFolderImport {
    public let folder: String
    public let preprocessing: Preprocessing
    public let limits: DecodeLimits
    /// The most bytes of preprocessed pixels a batch holds.
    public let batchBytes: Int

    /// The default bound on a batch: 256 MiB, five 4096 x 4096 RGB images.
    public static let defaultBatchBytes = 256 << 20
    /// The most files a batch decodes, however small the images: enough to keep the cores busy, few enough that
    /// progress is reported often.
    static let largestBatch = 64

    /// What an import did.
    public struct Summary: Sendable {
        public let imported: Int
        public let classNames: [String]
        /// Files left out, each with its path and reason, in path order.
        public let skipped: [ImageError]
        /// Images that sat directly in the folder, without a label.
        public let unlabelled: Int
    }

    /// An import of `folder` made the way `preprocessing` says.
    ///
    /// - Parameters:
    ///   - folder: the folder of pictures; each sub-folder's name is the label of the pictures under it.
    ///   - preprocessing: how each picture becomes a square of the stored size and colour.
    ///   - limits: the largest files and pictures decoded.
    ///   - batchBytes: the most bytes of preprocessed pixels a batch holds (at least one image's).
    public init(
        folder: String, preprocessing: Preprocessing, limits: DecodeLimits = .standard,
        batchBytes: Int = defaultBatchBytes
    ) {
        self.folder = folder
        self.preprocessing = preprocessing
        self.limits = limits
        self.batchBytes = batchBytes
    }

    /// How many files a batch decodes: as many as `batchBytes` holds, at least one and at most `largestBatch`.
    var filesPerBatch: Int { max(1, min(Self.largestBatch, batchBytes / preprocessing.valuesPerImage)) }

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
            let size = preprocessing.valuesPerImage
            for start in stride(from: 0, to: listing.entries.count, by: filesPerBatch) {
                let batch = Array(listing.entries[start..<min(start + filesPerBatch, listing.entries.count)])
                var bytes = [UInt8](repeating: 0, count: batch.count * size)
                let failures = bytes.withUnsafeMutableBufferPointer { decode(batch, in: listing, into: $0) }
                var written = 0  // images kept so far; each kept one moves down over the slots of those skipped
                for (i, failure) in failures.enumerated() {
                    if let failure {
                        skipped.append(failure)
                        report(failure)
                        continue
                    }
                    if written < i {
                        bytes.withUnsafeMutableBufferPointer {
                            ($0.baseAddress! + written * size).update(from: $0.baseAddress! + i * size, count: size)
                        }
                    }
                    kept.append(batch[i])
                    written += 1
                }
                bytes.removeLast((batch.count - written) * size)
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

    /// Decodes and preprocesses `batch` on every core, writing each image's bytes into its slot of `bytes` (C * H * W
    /// bytes a file, in the batch's order) as soon as it is made; returns each file's failure, or nil.
    ///
    /// - Parameters:
    ///   - batch: entries of `listing`.
    ///   - listing: the scanned folder the entries belong to.
    ///   - bytes: room for `batch.count` images of C * H * W bytes; a failed file's slot is left as it was.
    package func decode(
        _ batch: [ImageFolder.Entry], in listing: ImageFolder, into bytes: UnsafeMutableBufferPointer<UInt8>
    ) -> [ImageError?] {
        let size = preprocessing.valuesPerImage
        var failures = [ImageError?](repeating: nil, count: batch.count)
        failures.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let (slots, bytes) = (buffer, bytes)  // Each core writes only its own range's slots.
            parallelRanges(batch.count, clock: .elementwise) { range in  // the clock only runs in benchmarks
                for i in range {
                    do throws(ImageError) {
                        let image = try preprocessing.image(ofFile: listing.path(of: batch[i]), limits: limits)
                        _ = UnsafeMutableBufferPointer(rebasing: bytes[i * size..<(i + 1) * size])
                            .initialize(from: image.bytes)
                    } catch {
                        slots[i] = error
                    }
                }
            }
        }
        return failures
    }
}
