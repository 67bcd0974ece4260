import LatentCore
import LatentImages
import LatentStorage

/// A folder of photos imported by `latent data import`: preprocessed pixels, labels from sub-folder names,
/// the file each image came from, and the preprocessing that made them.
///
/// The HDF5 layout (h5py reads it as is):
/// - `/images`: uint8 (N, C, H, W), channel-major, C = 3 (rgb) or 1 (grey), H = W = the size;
/// - `/labels`: int64 (N), an index into `/class_names`, or -1 for a file directly in the folder;
/// - `/class_names`: UTF-8 strings (K), the sub-folder names in byte order;
/// - `/paths`: UTF-8 strings (N), each image's file below the folder, e.g. `shoes/a.jpg`;
/// - root attributes: `format` = "latent-imported-images", `version` = 1, `preprocessing` = the
///   `Preprocessing` JSON, `source` = the folder imported, `channels`, `height`, `width`.
public struct ImportedDataset {
    public static let format = "latent-imported-images"
    public static let version = 1
    /// The label of an image that sat directly in the imported folder, outside every sub-folder.
    public static let noLabel = -1

    /// The file it was read from, used in messages.
    public let path: String
    /// (N, C * H * W) pixels in [0, 1]: each image's bytes divided by 255, channel-major.
    public let images: Tensor
    public let channels: Int
    public let height: Int
    public let width: Int
    /// One class index per image, or `noLabel`.
    public let labels: [Int]
    public let classNames: [String]
    /// Each image's file below `sourceFolder`.
    public let paths: [String]
    public let preprocessing: Preprocessing
    /// The folder that was imported, as it was given.
    public let sourceFolder: String

    public var count: Int { labels.count }

    /// Whether the file at `path` is an imported dataset (an HDF5 file whose `format` says so).
    public static func isImported(_ path: String) -> Bool {
        guard let reader = try? HDF5Reader(path: path) else { return false }
        return (try? reader.stringAttribute("format")) == format
    }

    /// Reads the whole dataset, checking that its parts agree with each other.
    public init(contentsOf path: String) throws {
        let file = try HDF5Reader(path: path)
        guard let format = try file.stringAttribute("format"), format == Self.format else {
            throw DataError.corrupt(
                path: path, offset: 0,
                reason: "not an imported image dataset (no format attribute \"\(Self.format)\"); "
                    + "make one with `latent data import`")
        }
        guard let version = try file.integerAttribute("version"), version <= Self.version else {
            throw DataError.corrupt(
                path: path, offset: 0,
                reason: "written by a newer Latent (format version above \(Self.version))")
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
        if let wrong = labels.first(where: { $0 != Self.noLabel && !classNames.indices.contains($0) }) {
            throw DataError.corrupt(
                path: path, offset: 0,
                reason: "label \(wrong) outside the \(classNames.count) classes")
        }
        let images = Tensor(zeros: [shape[0], preprocessing.valuesPerImage])
        // Read in slices of rows so the bytes never sit in memory twice over for a large dataset.
        let rowsPerRead = max(1, (64 << 20) / preprocessing.valuesPerImage)
        for start in stride(from: 0, to: shape[0], by: rowsPerRead) {
            let rows = start..<min(start + rowsPerRead, shape[0])
            let bytes = try file.readBytes("/images", rows: rows)
            let offset = start * preprocessing.valuesPerImage
            images.withUnsafeMutableBufferPointer { pixels in
                for i in bytes.indices { pixels[offset + i] = PreprocessedImage.unitPixel(bytes[i]) }
            }
        }
        self.path = path
        self.images = images
        (channels, height, width) = (preprocessing.channels, preprocessing.size, preprocessing.size)
        self.labels = labels
        self.classNames = classNames
        self.paths = paths
        self.preprocessing = preprocessing
        sourceFolder = try file.stringAttribute("source") ?? ""
    }

    /// The bytes image `index` was stored as, (C, H, W): for thumbnails. Exact, since pixels are bytes / 255.
    public func imageBytes(at index: Int) -> [UInt8] {
        let values = preprocessing.valuesPerImage
        return images.withUnsafeBufferPointer { pixels in
            pixels[index * values..<(index + 1) * values].map { UInt8(($0 * 255).rounded()) }
        }
    }

    /// The dataset as the project's `ImageDataset`, for every command that trains or searches.
    ///
    /// Images without a label get a class of their own, "(unlabelled)", so that every label is a class index.
    /// The pixels are shared, not copied: both hold rows of C * H * W values, channel-major.
    public func imageDataset() -> ImageDataset {
        let unlabelled = labels.contains(Self.noLabel)
        let names = unlabelled ? classNames + ["(unlabelled)"] : classNames
        let indices = labels.map { $0 == Self.noLabel ? classNames.count : $0 }
        return ImageDataset(
            name: path, images: images, labels: indices, channels: channels, height: height, width: width,
            classNames: names)
    }
}
