import Foundation

/// A minimal HTTP/1.1 client over a loopback socket: one request per connection, closed after the answer.
///
/// Written with sockets rather than URLSession so that a test controls every byte (a body larger than the
/// limit, a body that stops early) and no connection pool outlives the test.
enum LoopbackClient {
    struct Reply {
        let status: Int
        let headers: [String: String]
        let body: [UInt8]
        var text: String { String(decoding: body, as: UTF8.self) }
        func json() throws -> [String: Any] {
            try JSONSerialization.jsonObject(with: Data(body)) as? [String: Any] ?? [:]
        }
    }

    struct Failure: Error, CustomStringConvertible { let description: String }

    /// `request` on a thread of its own: its blocking socket calls must not hold one of the few threads that
    /// Swift concurrency shares with the server under test.
    static func send(
        _ method: String, _ path: String, port: Int, body: [UInt8] = [], declaredLength: Int? = nil,
        contentType: String = "application/octet-stream"
    ) async throws
        -> Reply
    {
        try await withCheckedThrowingContinuation { continuation in
            Thread {
                continuation.resume(
                    with: Result {
                        try request(
                            method, path, port: port, body: body, declaredLength: declaredLength,
                            contentType: contentType)
                    })
            }.start()
        }
    }

    /// `exchange` on a thread of its own, as `send` runs `request`.
    static func sendRaw(
        _ bytes: [UInt8], port: Int, timeoutSeconds: Int, quietSeconds: Int? = nil
    ) async throws -> (
        received: [UInt8], closed: Bool
    ) {
        try await withCheckedThrowingContinuation { continuation in
            Thread {
                continuation.resume(
                    with: Result {
                        try exchange(bytes, port: port, timeoutSeconds: timeoutSeconds, quietSeconds: quietSeconds)
                    })
            }.start()
        }
    }

    /// Sends `method path` with `body` to 127.0.0.1:`port` and reads the whole reply.
    /// - Parameters:
    ///   - declaredLength: a Content-Length larger than `body`, for an upload that stalls.
    ///   - contentType: the Content-Type header (a multipart upload's carries its boundary).
    static func request(
        _ method: String, _ path: String, port: Int, body: [UInt8] = [], declaredLength: Int? = nil,
        contentType: String = "application/octet-stream", timeoutSeconds: Int = 20
    ) throws -> Reply {
        let head =
            "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nContent-Length: \(declaredLength ?? body.count)\r\n"
            + "Content-Type: \(contentType)\r\nConnection: close\r\n\r\n"
        return try parse(exchange(Array(head.utf8) + body, port: port, timeoutSeconds: timeoutSeconds).received)
    }

    /// Sends `bytes` as they are (an HTTP/1.0 request, say) and reads until the server closes the connection or
    /// `timeoutSeconds` pass with nothing more, or `quietSeconds` once the answer has begun; `closed` says which.
    /// A loaded machine may take long to answer at all, and `quietSeconds` then still measures from the answer.
    static func exchange(
        _ bytes: [UInt8], port: Int, timeoutSeconds: Int, quietSeconds: Int? = nil
    ) throws -> (received: [UInt8], closed: Bool) {
        let socket = Foundation.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw Failure(description: "socket: \(errno)") }
        defer { close(socket) }
        var timeout = timeval(tv_sec: timeoutSeconds, tv_usec: 0)
        setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else { throw Failure(description: "connect to port \(port): errno \(errno)") }
        // The server may answer and close before reading a refused body; the rest is then not sent.
        _ = sendAll(socket, bytes)
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = recv(socket, &buffer, buffer.count, 0)
            guard count > 0 else { return (received, count == 0) }
            if received.isEmpty, let quietSeconds {
                var quiet = timeval(tv_sec: quietSeconds, tv_usec: 0)
                setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &quiet, socklen_t(MemoryLayout<timeval>.size))
            }
            received += buffer[0..<count]
        }
    }

    /// Writes `bytes` until done or the peer closes; MSG_NOSIGNAL keeps a closed peer from raising SIGPIPE.
    private static func sendAll(_ socket: Int32, _ bytes: [UInt8]) -> Bool {
        var sent = 0
        while sent < bytes.count {
            let count = bytes[sent...].withUnsafeBytes {
                Glibc.send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
            }
            guard count > 0 else { return false }
            sent += count
        }
        return true
    }

    static func parse(_ bytes: [UInt8]) throws -> Reply {
        guard let end = bytes.indices.dropLast(3).first(where: { Array(bytes[$0..<($0 + 4)]) == [13, 10, 13, 10] })
        else {
            throw Failure(description: "no HTTP head in \(bytes.count) bytes")
        }
        let lines = String(decoding: bytes[..<end], as: UTF8.self).components(separatedBy: "\r\n")
        guard let status = lines.first?.split(separator: " ").dropFirst().first.flatMap({ Int($0) }) else {
            throw Failure(description: "bad status line \(lines.first ?? "")")
        }
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(
                in: .whitespaces)
        }
        var body = Array(bytes[(end + 4)...])
        if headers["transfer-encoding"] == "chunked" { body = unchunked(body) }
        return Reply(status: status, headers: headers, body: body)
    }

    private static func unchunked(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        var position = 0
        while position < bytes.count {
            guard let lineEnd = bytes[position...].firstIndex(of: 13),
                let size = Int(String(decoding: bytes[position..<lineEnd], as: UTF8.self), radix: 16), size > 0
            else { break }
            let start = lineEnd + 2
            out += bytes[start..<min(start + size, bytes.count)]
            position = start + size + 2
        }
        return out
    }
}
