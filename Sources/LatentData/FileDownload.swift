import Crypto
import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// One HTTP download streamed into an open file, with its MD5 taken on the way, given up at a deadline.
///
/// The caller owns the file: on any failure it holds a partial download that the caller removes.
final class FileDownload: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    /// What arrived: the number of bytes and their MD5 as lowercase hex.
    struct Downloaded {
        let bytes: Int
        let md5: String
    }

    /// More than any dataset file Latent knows (the largest is 30 MB): a wrong mirror cannot fill the disk.
    static let maximumBytes = 200_000_000

    private let url: URL
    private let output: Int32
    // Everything below is touched by URLSession's delegate queue and by the deadline timer: under `lock`.
    private let lock = NSLock()
    private var hasher = Insecure.MD5()
    private var received = 0
    private var announced: Int64 = -1
    private var failure: DataError?
    private var continuation: CheckedContinuation<Downloaded, Error>?

    private init(url: URL, output: Int32) {
        self.url = url
        self.output = output
    }

    /// Downloads `url` into the file open for writing at `output`, failing after `seconds` in all.
    static func run(_ url: URL, into output: Int32, seconds: Double) async throws -> Downloaded {
        let download = FileDownload(url: url, output: output)
        let queue = OperationQueue()
        queue.maxConcurrentOperationCount = 1
        let session = URLSession(configuration: .ephemeral, delegate: download, delegateQueue: queue)
        defer { session.invalidateAndCancel() }
        return try await withCheckedThrowingContinuation { continuation in
            download.lock.withLock { download.continuation = continuation }
            let task = session.dataTask(with: url)
            DispatchQueue.global().asyncAfter(deadline: .now() + seconds) { [weak task] in
                download.fail(
                    .downloadTimedOut(
                        url: url.absoluteString, seconds: seconds,
                        receivedBytes: download.lock.withLock { download.received }))
                task?.cancel()
            }
            task.resume()
        }
    }

    func urlSession(
        _ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
        completionHandler: @escaping (URLSession.ResponseDisposition) -> Void
    ) {
        if let http = response as? HTTPURLResponse, http.statusCode != 200 {
            let words = HTTPURLResponse.localizedString(forStatusCode: http.statusCode)
            fail(
                .downloadFailed(
                    url: url.absoluteString, reason: "the server answered HTTP \(http.statusCode) (\(words))"))
            completionHandler(.cancel)
            return
        }
        // A length announced for encoded content says nothing about the decoded bytes that arrive here.
        let encoding = (response as? HTTPURLResponse)?.value(forHTTPHeaderField: "Content-Encoding") ?? "identity"
        lock.withLock { announced = encoding.lowercased() == "identity" ? response.expectedContentLength : -1 }
        completionHandler(.allow)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        let problem: DataError? = lock.withLock {
            guard failure == nil else { return nil }
            received += data.count
            guard received <= FileDownload.maximumBytes else {
                let most = sizeInWords(FileDownload.maximumBytes)
                return .downloadFailed(
                    url: url.absoluteString, reason: "more than \(most), larger than any dataset file")
            }
            hasher.update(data: data)
            let written = data.withUnsafeBytes { writeAll($0) }
            return written
                ? nil
                : .downloadFailed(
                    url: url.absoluteString,
                    reason: "cannot write it to disk: \(RegularFile.errorWords(errno))")
        }
        if let problem {
            fail(problem)
            dataTask.cancel()
        }
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: Error?) {
        let (received, announced) = lock.withLock { (self.received, self.announced) }
        if let error {
            fail(
                .downloadFailed(
                    url: url.absoluteString,
                    reason: FileDownload.words(
                        for: error, received: received,
                        announced: announced)))
        } else if announced >= 0, received != announced {
            fail(
                .downloadFailed(
                    url: url.absoluteString,
                    reason: "truncated: \(received) of the \(announced) bytes announced arrived"))
        }
        lock.withLock {
            guard let continuation else { return }
            self.continuation = nil
            if let failure {
                continuation.resume(throwing: failure)
            } else {
                continuation.resume(returning: Downloaded(bytes: received, md5: hasher.finalize().hexadecimal))
            }
        }
    }

    /// Keeps the first failure: the deadline or a bad status explains the cancellation that follows it.
    private func fail(_ error: DataError) {
        lock.withLock { if failure == nil { failure = error } }
    }

    private func writeAll(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var done = 0
        while done < bytes.count {
            let written = write(output, bytes.baseAddress.map { $0 + done }, bytes.count - done)
            if written < 0, errno == EINTR { continue }
            guard written > 0 else { return false }
            done += written
        }
        return true
    }

    /// A network failure in words; Foundation's own descriptions may be a raw error-domain dump.
    private static func words(for error: Error, received: Int, announced: Int64) -> String {
        let code = (error as? URLError)?.code
        if announced >= 0, received < announced, code != .cancelled {
            return "truncated: the connection closed after \(received) of the \(announced) bytes announced"
        }
        switch code {
        case .networkConnectionLost?: return "the connection closed after \(received) bytes"
        case .cannotConnectToHost?: return "cannot connect to the server"
        case .cannotFindHost?, .dnsLookupFailed?: return "cannot find the server"
        case .notConnectedToInternet?: return "no network connection"
        case .timedOut?: return "the server stopped answering"
        case .unsupportedURL?, .badURL?: return "not a URL that can be downloaded"
        case .cancelled?: return "cancelled"
        default:
            let text = error.localizedDescription
            return text.contains("Domain") ? "network error \(code?.rawValue ?? (error as NSError).code)" : text
        }
    }
}

extension Sequence<UInt8> {
    /// The bytes as lowercase hexadecimal, as checksums are published.
    var hexadecimal: String { map { String(format: "%02x", $0) }.joined() }
}
