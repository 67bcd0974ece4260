/// What went wrong reading or choosing data; every case names the file or argument at fault.
public enum DataError: Error, CustomStringConvertible, Equatable {
    case unreadable(path: String, reason: String)
    case unwritable(path: String, reason: String)
    case corrupt(path: String, offset: Int, reason: String)
    case truncated(path: String, expectedBytes: Int, actualBytes: Int)
    /// The header announces more data than Latent will hold, or than the file can possibly inflate to.
    case tooLarge(path: String, announcedBytes: Int, limit: String)
    case lengthMismatch(images: String, imageCount: Int, labels: String, labelCount: Int)
    case noImages(path: String)
    case imageSizeMismatch(path: String, height: Int, width: Int, otherPath: String, otherHeight: Int, otherWidth: Int)
    /// The files are another known dataset's, recognised by their published counts per class.
    case otherDataset(directory: String, asked: String, found: String, labels: String, counts: [Int])
    /// No missing files: the directory itself is missing.
    case datasetMissing(name: String, directory: String, missingFiles: [String], howToGet: String)
    case invalidArgument(String)
    case checksumMismatch(path: String, expected: String, actual: String)
    case downloadFailed(url: String, reason: String)
    case downloadTimedOut(url: String, seconds: Double, receivedBytes: Int)

    public var description: String {
        switch self {
        case .unreadable(let path, let reason):
            return "\(path): cannot read: \(reason)"
        case .unwritable(let path, let reason):
            return "\(path): cannot write: \(reason)"
        case .corrupt(let path, let offset, let reason):
            return "\(path): corrupt at byte \(offset): \(reason)"
        case .truncated(let path, let expected, let actual):
            return "\(path): truncated: the header announces \(expected) bytes, the file holds \(actual)"
        case .tooLarge(let path, let announced, let limit):
            return "\(path): the header announces \(sizeInWords(announced)) of data, more than \(limit)"
        case .lengthMismatch(let images, let imageCount, let labels, let labelCount):
            return "\(images) holds \(imageCount) images but \(labels) holds \(labelCount) labels"
        case .noImages(let path):
            return "\(path): holds no images (its header counts 0); every split needs at least one"
        case .imageSizeMismatch(let path, let height, let width, let otherPath, let otherHeight, let otherWidth):
            return "\(path) holds \(height)x\(width) images but \(otherPath) holds \(otherHeight)x\(otherWidth); "
                + "the train and test splits must have one image size"
        case .otherDataset(let directory, let asked, let found, let labels, let counts):
            return "\(directory) holds \(found), not \(asked): \(labels) has \(found)'s published counts per class "
                + "(\(counts.map(String.init).joined(separator: ", "))). Use --dataset \(found)."
        case .datasetMissing(let name, let directory, let missing, let howToGet):
            let what = missing.isEmpty ? "no such directory" : "missing: \(missing.joined(separator: ", "))"
            return "\(name) is not in \(directory) (\(what)). \(howToGet)"
        case .invalidArgument(let message):
            return message
        case .checksumMismatch(let path, let expected, let actual):
            return "\(path): checksum mismatch: expected \(expected), got \(actual); the file was not kept"
        case .downloadFailed(let url, let reason):
            return "\(url): download failed: \(reason)"
        case .downloadTimedOut(let url, let seconds, let received):
            return "\(url): download failed: not finished after \(secondsInWords(seconds)) s (--timeout), "
                + "\(received) bytes received; nothing was kept"
        }
    }
}

/// "512 bytes", "47.0 MB", "1.0 TB": decimal units, as disks and downloads count them.
func sizeInWords(_ bytes: Int) -> String {
    let units = ["KB", "MB", "GB", "TB", "PB", "EB"]
    guard bytes >= 1000 else { return "\(bytes) bytes" }
    var value = Double(bytes) / 1000
    var unit = 0
    while value >= 1000, unit < units.count - 1 {
        value /= 1000
        unit += 1
    }
    return "\((value * 10).rounded() / 10) \(units[unit])"
}

/// Seconds as typed: "2" rather than "2.0", "1.5" as it is.
func secondsInWords(_ seconds: Double) -> String {
    seconds == seconds.rounded() && abs(seconds) < 1e15 ? String(Int(seconds)) : String(seconds)
}
