import Foundation
import LatentServer
import Testing

/// What HTTP itself asks of the service: connections closed when the client's version expects it, 404 and 405
/// with JSON bodies, HEAD answered.
extension SearchServiceTests {
    /// `GET /health` in `version`, with `connection` as its Connection header when given.
    static func healthRequest(_ version: String, connection: String? = nil) -> [UInt8] {
        Array(
            ("GET /health \(version)\r\nHost: 127.0.0.1\r\n" + (connection.map { "Connection: \($0)\r\n" } ?? "")
                + "\r\n").utf8)
    }

    /// The server's idle timeout is 65 s here (60 s for a request, plus 5): a connection closed within 20 s of its
    /// answer was closed for its version, one still open 3 s after its answer was kept alive. Each answer may take up
    /// to 30 s to begin, as on a machine loaded by builds beside the whole suite.
    @Test func anHTTP10ConnectionClosesAfterItsAnswerUnlessKeptAlive() async throws {
        try await withServer(limits: SearchLimits(uploadBytes: 4096, requestSeconds: 60)) { port, _ in
            let plain = try await LoopbackClient.sendRaw(
                Self.healthRequest("HTTP/1.0"), port: port, timeoutSeconds: 30, quietSeconds: 20)
            #expect(plain.closed)
            let reply = try LoopbackClient.parse(plain.received)
            let images = try reply.json()["images"] as? Int
            #expect(reply.status == 200 && images == 40)
            let kept = try await LoopbackClient.sendRaw(
                Self.healthRequest("HTTP/1.0", connection: "keep-alive"), port: port, timeoutSeconds: 30,
                quietSeconds: 3)
            let keptStatus = try LoopbackClient.parse(kept.received).status
            #expect(!kept.closed && keptStatus == 200)
            let http11 = try await LoopbackClient.sendRaw(
                Self.healthRequest("HTTP/1.1"), port: port, timeoutSeconds: 30, quietSeconds: 3)
            let http11Status = try LoopbackClient.parse(http11.received).status
            #expect(!http11.closed && http11Status == 200)
        }
    }

    @Test func anUnknownPathIs404WithAJSONMessage() async throws {
        try await withServer { port, _ in
            for (method, path) in [("GET", "/nothing"), ("POST", "/health/more"), ("GET", "/thumbnail/1/2")] {
                let reply = try await LoopbackClient.send(method, path, port: port)
                #expect(reply.status == 404, "\(method) \(path)")
                #expect(reply.headers["content-type"] == "application/json")
                #expect(
                    try reply.json()["error"] as? String == "no such page: \(path) (see GET / for the service's routes)"
                )
            }
        }
    }

    @Test func aWrongMethodIs405WithAllowAndAJSONMessage() async throws {
        let cases = [
            ("DELETE", "/health", "GET, HEAD"), ("GET", "/search", "POST"), ("POST", "/", "GET, HEAD"),
            ("PUT", "/thumbnail/3", "GET, HEAD"), ("POST", "/neighbours/3", "GET, HEAD"),
        ]
        try await withServer { port, _ in
            for (method, path, allowed) in cases {
                let reply = try await LoopbackClient.send(method, path, port: port)
                #expect(reply.status == 405, "\(method) \(path)")
                #expect(reply.headers["allow"] == allowed, "\(method) \(path)")
                #expect(try reply.json()["error"] as? String == "\(path) answers \(allowed), not \(method)")
            }
        }
    }

    @Test func headIsAnsweredWithTheHeadersOfGETAndNoBody() async throws {
        try await withServer { port, _ in
            let get = try await LoopbackClient.send("GET", "/health", port: port)
            let head = try await LoopbackClient.send("HEAD", "/health", port: port)
            #expect(head.status == 200 && head.body.isEmpty)
            #expect(head.headers["content-type"] == "application/json")
            #expect(head.headers["content-length"] == String(get.body.count))
            let thumbnail = try await LoopbackClient.send("HEAD", "/thumbnail/0", port: port)
            #expect(
                thumbnail.status == 200 && thumbnail.body.isEmpty && thumbnail.headers["content-type"] == "image/png")
        }
    }
}
