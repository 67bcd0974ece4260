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

    /// Reads the whole dataset as floats, checking that its parts agree with each other (`ImportedImageFile` reads
    /// a slice of images at a time instead).
    public init(contentsOf path: String) throws {
        let file = try ImportedImageFile(contentsOf: path)
        let images = Tensor(uninitializedShape: [file.count, file.valuesPerImage])
        try images.withUnsafeMutableBufferPointer { try file.write(rows: 0..<file.count, into: $0) }
        self.path = path
        self.images = images
        (channels, height, width) = (file.channels, file.height, file.width)
        labels = file.labels
        classNames = file.classNames
        paths = file.paths
        preprocessing = file.preprocessing
        sourceFolder = file.sourceFolder
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
