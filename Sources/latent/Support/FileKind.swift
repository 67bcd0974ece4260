import Foundation
import LatentData
import LatentImages
import LatentModels
import LatentRetrieval
import LatentSearch
import LatentStorage

/// What a file holds, as far as writing over it is concerned: a file of one kind must not be replaced by a command
/// that writes another (a dataset written over a trained checkpoint loses the training).
enum FileKind: Equatable, CustomStringConvertible {
    case checkpoint
    case index
    case dataset
    /// An archive of tensors named by its `kind` attribute: `pca`, `codes` or `features`.
    case tensors(String)
    /// An HDF5 file Latent did not write, or cannot read the kind of.
    case otherHDF5
    /// A photo or picture: JPEG, PNG, GIF, BMP, TIFF or WebP.
    case picture
    /// Anything else, e.g. a CSV or JSON table, Markdown, notes, or a file that cannot be read.
    case other

    /// The kind of the regular file at `path`, from its first bytes and, for HDF5, its root attributes; `nil` when
    /// nothing is there (or something that is not a regular file, which the writer refuses by itself).
    init?(ofFileAt path: String) {
        var status = stat()
        guard stat(path, &status) == 0, status.st_mode & S_IFMT == S_IFREG else { return nil }
        // 18 bytes: enough for the longest signature ImageSignature checks (BMP's header size, at 14).
        let start = FileHandle(forReadingAtPath: path).map { handle in
            defer { try? handle.close() }
            return (try? handle.read(upToCount: 18)).flatMap { $0.map { [UInt8]($0) } } ?? []
        }
        if start?.starts(with: FileKind.hdf5Signature) == true {
            self = FileKind(hdf5At: path)
        } else if let start, ImageSignature.isPicture(start) {
            self = .picture
        } else {
            self = .other
        }
    }

    private init(hdf5At path: String) {
        guard let reader = try? HDF5Reader(path: path) else {
            self = .otherHDF5
            return
        }
        switch try? reader.stringAttribute("format") {
        case Checkpoint.formatName: self = .checkpoint
        case ImageIndex.formatName: self = .index
        case ImportedDataset.format: self = .dataset
        default: self = (try? reader.stringAttribute("kind")).flatMap { $0 }.map(FileKind.tensors) ?? .otherHDF5
        }
    }

    /// "\x89HDF\r\n\x1a\n", the first bytes of every HDF5 file Latent writes.
    private static let hdf5Signature: [UInt8] = [0x89, 0x48, 0x44, 0x46, 0x0D, 0x0A, 0x1A, 0x0A]

    var description: String {
        switch self {
        case .checkpoint: "a Latent checkpoint"
        case .index: "an image index"
        case .dataset: "an imported dataset"
        case .tensors("pca"): "a PCA file"
        case .tensors(let kind): "a file of \(kind)"
        case .otherHDF5: "an HDF5 file"
        case .picture: "an image"
        case .other: "a file Latent did not write"
        }
    }
}
