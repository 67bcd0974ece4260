/// What went wrong reading or choosing data; every case names the file or argument at fault.
public enum DataError: Error, CustomStringConvertible, Equatable {
    case unreadable(path: String, reason: String)
    case corrupt(path: String, offset: Int, reason: String)
    case truncated(path: String, expectedBytes: Int, actualBytes: Int)
    case lengthMismatch(images: String, imageCount: Int, labels: String, labelCount: Int)
    case datasetMissing(name: String, directory: String, missingFiles: [String], howToGet: String)
    case invalidArgument(String)
    case checksumMismatch(path: String, expected: String, actual: String)
    case downloadFailed(url: String, reason: String)

    public var description: String {
        switch self {
        case let .unreadable(path, reason):
            return "\(path): cannot read: \(reason)"
        case let .corrupt(path, offset, reason):
            return "\(path): corrupt at byte \(offset): \(reason)"
        case let .truncated(path, expected, actual):
            return "\(path): truncated: the header announces \(expected) bytes of data, the file holds \(actual)"
        case let .lengthMismatch(images, imageCount, labels, labelCount):
            return "\(images) holds \(imageCount) images but \(labels) holds \(labelCount) labels"
        case let .datasetMissing(name, directory, missing, howToGet):
            return "\(name) is not in \(directory) (missing: \(missing.joined(separator: ", "))). \(howToGet)"
        case let .invalidArgument(message):
            return message
        case let .checksumMismatch(path, expected, actual):
            return "\(path): checksum mismatch: expected \(expected), got \(actual); the file was not kept"
        case let .downloadFailed(url, reason):
            return "\(url): download failed: \(reason)"
        }
    }
}
