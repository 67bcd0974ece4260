import Crypto
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Downloads a known dataset's four files and keeps each only if its MD5 matches the published one.
public struct DatasetFetcher {
    public let dataset: KnownDataset
    /// Where the files are fetched from (the public mirror unless a test serves them).
    public let baseURL: URL

    public init(_ dataset: KnownDataset, baseURL: URL? = nil) {
        self.dataset = dataset
        self.baseURL = baseURL ?? dataset.mirror
    }

    /// Fetches every file missing from `directory` (or all with `force`), reporting progress to `log`.
    public func fetch(into directory: String, force: Bool = false, log: (String) -> Void = { _ in }) async throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        for name in KnownDataset.fileNames {
            let destination = (directory as NSString).appendingPathComponent(name)
            if !force, FileManager.default.fileExists(atPath: destination),
               try DatasetFetcher.md5(ofFileAt: destination) == dataset.md5[name] {
                log("\(destination): present, checksum ok")
                continue
            }
            let url = baseURL.appendingPathComponent(name)
            log("\(url.absoluteString): downloading")
            let contents = try await download(url)
            let actual = Insecure.MD5.hash(data: contents).map { String(format: "%02x", $0) }.joined()
            guard let expected = dataset.md5[name], actual == expected else {
                throw DataError.checksumMismatch(path: url.absoluteString, expected: dataset.md5[name] ?? "?", actual: actual)
            }
            // Written beside the destination, then renamed: a crash never leaves a partial file under the real name.
            let temporary = destination + ".part"
            do {
                try contents.write(to: URL(fileURLWithPath: temporary))
                if FileManager.default.fileExists(atPath: destination) { try FileManager.default.removeItem(atPath: destination) }
                try FileManager.default.moveItem(atPath: temporary, toPath: destination)
            } catch {
                try? FileManager.default.removeItem(atPath: temporary)
                throw DataError.unreadable(path: destination, reason: "cannot write: \(error.localizedDescription)")
            }
            log("\(destination): \(contents.count) bytes, md5 \(actual) ok")
        }
    }

    private func download(_ url: URL) async throws -> Data {
        let (data, response): (Data, URLResponse)
        do {
            (data, response) = try await URLSession.shared.data(from: url)
        } catch {
            throw DataError.downloadFailed(url: url.absoluteString, reason: error.localizedDescription)
        }
        if let http = response as? HTTPURLResponse, http.statusCode != 200 {
            throw DataError.downloadFailed(url: url.absoluteString, reason: "HTTP status \(http.statusCode)")
        }
        return data
    }

    /// The MD5 of a file as lowercase hex.
    public static func md5(ofFileAt path: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DataError.unreadable(path: path, reason: "cannot open")
        }
        return Insecure.MD5.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }
}
