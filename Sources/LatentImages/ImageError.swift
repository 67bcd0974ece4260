/// Why an image file cannot be used; every case names the file (or "upload") and what is wrong with it.
public enum ImageError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The file cannot be opened or read: missing, a folder, a device, no permission.
    case unreadable(path: String, reason: String)
    /// The bytes are not a picture in a format Latent reads, e.g. a text file named `.jpg`, an empty file, a HEIC.
    case notAnImage(path: String, reason: String)
    /// A picture whose data the library refused: truncated, damaged, unsupported.
    case damaged(path: String, reason: String)
    /// The header declares more pixels than the limit: refused before decoding (a decompression bomb).
    case tooManyPixels(path: String, width: Int, height: Int, limit: Int)
    /// The file holds more bytes than the limit.
    case tooManyBytes(path: String, bytes: Int, limit: Int)

    public var path: String {
        switch self {
        case .unreadable(let path, _), .notAnImage(let path, _), .damaged(let path, _): return path
        case .tooManyPixels(let path, _, _, _), .tooManyBytes(let path, _, _): return path
        }
    }

    /// The reason without the path, for lists of skipped files that already show the path.
    public var reason: String {
        switch self {
        case .unreadable(_, let reason): return "cannot read: \(reason)"
        case .notAnImage(_, let reason): return "not an image Latent reads: \(reason)"
        case .damaged(_, let reason): return "damaged image: \(reason)"
        case .tooManyPixels(_, let width, let height, let limit):
            return "\(width)x\(height) is \(width * height) pixels, more than the limit of \(limit) "
                + "(a decompression bomb is refused before decoding)"
        case .tooManyBytes(_, let bytes, let limit): return "\(bytes) bytes, more than the limit of \(limit)"
        }
    }

    public var description: String { "\(path): \(reason)" }
}
