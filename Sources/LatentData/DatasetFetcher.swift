import Crypto
import Foundation

/// Downloads a known dataset's four files and keeps each only if its MD5 matches the published one.
///
/// Each file streams into a new hidden file beside its destination, which is renamed into place once its
/// checksum is right: a failure or a kill never leaves a partial file under a dataset's name, and nothing
/// the fetcher did not write is ever removed (a directory in a file's place is an error, not an obstacle).
public struct DatasetFetcher {
    public let dataset: KnownDataset
    /// Where the files are fetched from (the public mirror unless a test serves them).
    public let baseURL: URL
    /// How long one file may take in all, in seconds, before the fetch gives up.
    public let timeout: Double

    /// Ten minutes a file: the largest, 30 MB, arrives in that time at 50 kB/s.
    public static let defaultTimeout = 600.0

    public init(_ dataset: KnownDataset, baseURL: URL? = nil, timeout: Double = DatasetFetcher.defaultTimeout) {
        self.dataset = dataset
        self.baseURL = baseURL ?? dataset.mirror
        self.timeout = timeout
    }

    /// Fetches every file missing from `directory` or damaged there (all with `force`), reporting progress to `log`.
    public func fetch(into directory: String, force: Bool = false, log: (String) -> Void = { _ in }) async throws {
        try DownloadFolder.create(directory)
        DownloadFolder.removeAbandonedDownloads(in: directory)
        // Every destination is checked before anything is downloaded, so that a bad one costs no time.
        var wanted: [String] = []
        for name in KnownDataset.fileNames {
            let destination = (directory as NSString).appendingPathComponent(name)
            guard try DownloadFolder.holdsFile(destination) else {
                wanted.append(name)
                continue
            }
            if !force, try DatasetFetcher.md5(ofFileAt: destination) == dataset.md5[name] {
                log("\(destination): present, checksum ok")
            } else {
                wanted.append(name)
            }
        }
        for name in wanted { try await download(name, into: directory, log: log) }
    }

    private func download(_ name: String, into directory: String, log: (String) -> Void) async throws {
        let destination = (directory as NSString).appendingPathComponent(name)
        let url = baseURL.appendingPathComponent(name)
        let part = try PartialDownload(for: destination)
        defer { part.discard() }
        log("\(url.absoluteString): downloading")
        let received = try await FileDownload.run(url, into: part.descriptor, seconds: timeout)
        let expected = dataset.md5[name] ?? "?"
        guard received.md5 == expected else {
            throw DataError.checksumMismatch(path: url.absoluteString, expected: expected, actual: received.md5)
        }
        try part.moveIntoPlace()
        log("\(destination): \(received.bytes) bytes, md5 \(received.md5) ok")
    }

    /// The MD5 of a regular file as lowercase hex; a FIFO or a device is refused, not read forever.
    public static func md5(ofFileAt path: String) throws -> String {
        let (descriptor, _) = try RegularFile.openForReading(path)
        defer { close(descriptor) }
        var hasher = Insecure.MD5()
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count >= 0 else { throw DataError.unreadable(path: path, reason: RegularFile.errorWords(errno)) }
            if count == 0 { return hasher.finalize().hexadecimal }
            hasher.update(data: chunk[0..<count])
        }
    }
}
