import LatentCore
import LatentImages
import LatentStorage

/// An imported dataset opened for reading a slice of images at a time: its labels, paths and preprocessing
/// checked and held, its pixels left on disk as bytes until a slice is asked for.
///
/// A million 64 x 64 RGB photos are 12 GB of bytes and would be 49 GB as floats; this is how index building and
/// `ImportedDataset` read them without holding more than a slice as floats. The layout is `ImportedDataset`'s.
public struct ImportedImageFile {
    /// The file it reads, used in messages.
    public let path: String
    public let channels: Int
    public let height: Int
    public let width: Int
    /// One class index per image, or `ImportedDataset.noLabel`.
    public let labels: [Int]
    public let classNames: [String]
    /// Each image's file below `sourceFolder`.
    public let paths: [String]
    public let preprocessing: Preprocessing
    /// The folder that was imported, as it was given.
    public let sourceFolder: String
    private let file: HDF5Reader

    /// The number of images.
    public var count: Int { labels.count }
    /// C * H * W, the values (and bytes) of each image.
    public var valuesPerImage: Int { preprocessing.valuesPerImage }

    /// Opens the file at `path` and reads everything but the pixels, checking that its parts agree with each other.
    ///
    /// - Parameter path: an HDF5 file written by `latent data import`.
    public init(contentsOf path: String) throws {
        let file = try HDF5Reader(path: path)
        guard let format = try file.stringAttribute("format"), format == ImportedDataset.format else {
            throw DataError.corrupt(
                path: path, offset: 0,
                reason: "not an imported image dataset (no format attribute \"\(ImportedDataset.format)\"); "
                    + "make one with `latent data import`")
        }
        guard let version = try file.integerAttribute("version"), version <= ImportedDataset.version else {
            throw DataError.corrupt(
                path: path, offset: 0,
                reason: "written by a newer Latent (format version above \(ImportedDataset.version))")
        }
        guard let json = try file.stringAttribute("preprocessing") else {
            throw DataError.corrupt(path: path, offset: 0, reason: "no preprocessing attribute")
        }
        let preprocessing = try Preprocessing(json: json, source: path)
        let shape = try file.shape(of: "/images")
        let expected = [preprocessing.channels, preprocessing.size, preprocessing.size]
        guard shape.count == 4, Array(shape.dropFirst()) == expected else {
            let made = expected.map(String.init).joined(separator: ", ")
            throw DataError.corrupt(
                path: path, offset: 0,
                reason: "/images has shape \(shape), but the preprocessing (\(preprocessing)) makes (N, \(made))")
        }
        let labels = try file.readIntegers("/labels")
        let classNames = try file.readStrings("/class_names")
        let paths = try file.readStrings("/paths")
        guard labels.count == shape[0], paths.count == shape[0] else {
            throw DataError.corrupt(
                path: path, offset: 0,
                reason: "\(shape[0]) images but \(labels.count) labels and \(paths.count) paths")
        }
        if let wrong = labels.first(where: { $0 != ImportedDataset.noLabel && !classNames.indices.contains($0) }) {
            throw DataError.corrupt(
                path: path, offset: 0,
                reason: "label \(wrong) outside the \(classNames.count) classes")
        }
        self.path = path
        self.file = file
        (channels, height, width) = (preprocessing.channels, preprocessing.size, preprocessing.size)
        self.labels = labels
        self.classNames = classNames
        self.paths = paths
        self.preprocessing = preprocessing
        sourceFolder = try file.stringAttribute("source") ?? ""
    }

    /// The bytes of the images `rows`, (M, C, H, W) flattened, as they were stored.
    ///
    /// - Parameter rows: which images, a range within `0..<count`.
    public func bytes(rows: Range<Int>) throws -> [UInt8] {
        try file.readBytes("/images", rows: rows)
    }

    /// The images `rows` as (M, C * H * W) pixels in [0, 1]: each byte divided by 255, channel-major.
    ///
    /// - Parameter rows: which images, a range within `0..<count`.
    public func pixels(rows: Range<Int>) throws -> Tensor {
        let pixels = Tensor(uninitializedShape: [rows.count, valuesPerImage])
        try pixels.withUnsafeMutableBufferPointer { try write(rows: rows, into: $0) }
        return pixels
    }

    /// Writes the pixels of the images `rows` (M, C * H * W) at `target`, read in slices of at most 64 MiB of bytes
    /// so that a large read never holds its bytes beside all of its floats.
    ///
    /// - Parameters:
    ///   - rows: which images, a range within `0..<count`.
    ///   - target: room for M * C * H * W floats.
    package func write(rows: Range<Int>, into target: UnsafeMutableBufferPointer<Float>) throws {
        precondition(target.count == rows.count * valuesPerImage, "\(target.count) floats for images \(rows)")
        guard let first = target.baseAddress else { return }
        let values = valuesPerImage
        let rowsPerRead = max(1, (64 << 20) / values)
        for start in stride(from: rows.lowerBound, to: rows.upperBound, by: rowsPerRead) {
            let bytes = try bytes(rows: start..<min(start + rowsPerRead, rows.upperBound))
            let slice = first + (start - rows.lowerBound) * values
            bytes.withUnsafeBufferPointer { bytes in
                for i in bytes.indices { slice[i] = PreprocessedImage.unitPixel(bytes[i]) }
            }
        }
    }
}
