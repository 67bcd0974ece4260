import Foundation
import LatentSearch
import LatentSearchTestSupport
import Testing

/// Uploads as a browser's form, `curl -F` or Python's `requests` send them: multipart/form-data (RFC 7578).
extension SearchServiceTests {
    static let boundary = "----LatentFormBoundary7MA4YWxkTrZu0gW"

    /// A multipart/form-data body of `parts` (headers, content) under `boundary`, closed unless `closed` is false.
    static func multipart(
        _ parts: [(headers: String, content: [UInt8])], boundary: String = boundary, closed: Bool = true
    ) -> [UInt8] {
        var body: [UInt8] = []
        for part in parts {
            body += Array("--\(boundary)\r\n\(part.headers)\r\n\r\n".utf8) + part.content + Array("\r\n".utf8)
        }
        if closed { body += Array("--\(boundary)--\r\n".utf8) }
        return body
    }

    /// The rows and distances of a search answer, to compare two answers.
    static func neighbours(_ reply: LoopbackClient.Reply) throws -> [[Double]] {
        let results = try reply.json()["results"] as? [[String: Any]] ?? []
        return results.map { [Double($0["row"] as? Int ?? -1), $0["distance"] as? Double ?? .nan] }
    }

    @Test func aMultipartFileFindsTheNeighboursOfItsRawBytes() async throws {
        try await withServer { port, source in
            let image = SearchFixtures.queryBytes(of: 21, in: source)
            let raw = try await LoopbackClient.send("POST", "/search?k=5", port: port, body: image)
            #expect(raw.status == 200)
            let expected = try Self.neighbours(raw)
            #expect(expected.count == 5 && expected.first?.first == 21)
            // A text field before the file whose value nearly holds the delimiter, and a preamble before the first
            // boundary: the file part is still the one searched.
            let note = Array("almost\r\n--\(Self.boundary.dropLast()) but not the boundary".utf8)
            let form =
                Array("a preamble that is ignored\r\n".utf8)
                + Self.multipart([
                    ("Content-Disposition: form-data; name=\"note\"", note),
                    (
                        "Content-Disposition: form-data; name=\"image\"; filename=\"q; 1.png\"\r\n"
                            + "Content-Type: image/png",
                        image
                    ),
                ])
            let uploads: [(String, [UInt8])] = [
                ("multipart/form-data; boundary=\(Self.boundary)", form),
                ("Multipart/Form-Data; charset=utf-8; boundary=\"\(Self.boundary)\"", form),
                // No part names a file: the first part is the image.
                (
                    "multipart/form-data; boundary=xyz",
                    Self.multipart([("Content-Disposition: form-data; name=\"image\"", image)], boundary: "xyz")
                ),
            ]
            for (contentType, body) in uploads {
                let reply = try await LoopbackClient.send(
                    "POST", "/search?k=5", port: port, body: body, contentType: contentType)
                #expect(reply.status == 200, "\(contentType): \(reply.text)")
                #expect(try Self.neighbours(reply) == expected, "\(contentType)")
            }
        }
    }

    @Test func curlFormUploadFindsTheNeighboursOfItsRawBytes() async throws {
        let curl = URL(fileURLWithPath: "/usr/bin/curl")
        guard FileManager.default.isExecutableFile(atPath: curl.path) else { return }
        try await withServer { port, source in
            let image = SearchFixtures.queryBytes(of: 13, in: source)
            let raw = try await LoopbackClient.send("POST", "/search?k=4", port: port, body: image)
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("latent-multipart-\(port).png")
            try Data(image).write(to: file)
            defer { try? FileManager.default.removeItem(at: file) }
            let output = try await Self.run(
                curl, ["-s", "-F", "note=hello", "-F", "image=@\(file.path)", "http://127.0.0.1:\(port)/search?k=4"])
            let reply = LoopbackClient.Reply(status: 200, headers: [:], body: output)
            #expect(try Self.neighbours(reply) == Self.neighbours(raw), "\(reply.text)")
            #expect(try Self.neighbours(reply).first?.first == 13)
        }
    }

    @Test func malformedMultipartBodiesGetA400NamingTheFault() async throws {
        try await withServer { port, source in
            let image = SearchFixtures.queryBytes(of: 7, in: source)
            let file = "Content-Disposition: form-data; name=\"image\"; filename=\"q.png\""
            let type = "multipart/form-data; boundary=\(Self.boundary)"
            let refused: [(String, [UInt8], String)] = [
                ("multipart/form-data", Self.multipart([(file, image)]), "no boundary parameter"),
                (
                    "multipart/form-data; boundary=" + String(repeating: "b", count: 71),
                    Self.multipart([(file, image)]), "1 to 70 characters, got 71"
                ),
                (type, Self.multipart([(file, image)], closed: false), "no closing boundary \"--\(Self.boundary)--\""),
                (type, Array("--\(Self.boundary)--\r\n".utf8), "no part"),
                (type, image, "no boundary line"),
                (type, Self.multipart([(file, [])]), "the file \"q.png\" of the multipart upload is empty"),
                (type, Array("--\(Self.boundary)\r\n\(file)\r\n".utf8), "part 1 of the multipart body has no end"),
                (type, Array("--\(Self.boundary)junk\r\n".utf8), "not followed by a line break"),
            ]
            for (contentType, body, message) in refused {
                let reply = try await LoopbackClient.send(
                    "POST", "/search?k=3", port: port, body: body, contentType: contentType)
                #expect(reply.status == 400, "\(message)")
                #expect(reply.headers["content-type"] == "application/json")
                #expect((try reply.json()["error"] as? String)?.contains(message) == true, "\(reply.text)")
            }
            let next = try await LoopbackClient.send(
                "POST", "/search?k=1", port: port, body: Self.multipart([(file, image)]), contentType: type)
            #expect(try Self.neighbours(next).first?.first == 7)
        }
    }

    @Test func aMultipartBodyOverTheLimitIsRefusedAsARawOneIs() async throws {
        try await withServer { port, source in
            let image = SearchFixtures.queryBytes(of: 3, in: source)
            let filler = ("Content-Disposition: form-data; name=\"filler\"", [UInt8](repeating: 65, count: 4000))
            let body = Self.multipart([
                filler, ("Content-Disposition: form-data; name=\"image\"; filename=\"q\"", image),
            ])
            let reply = try await LoopbackClient.send(
                "POST", "/search?k=1", port: port, body: body,
                contentType: "multipart/form-data; boundary=\(Self.boundary)")
            #expect(reply.status == 413)
            #expect((try reply.json()["error"] as? String)?.contains("larger than 4096 bytes") == true)
        }
    }

    /// `executable` with `arguments` on a thread of its own; its standard output.
    static func run(_ executable: URL, _ arguments: [String]) async throws -> [UInt8] {
        try await withCheckedThrowingContinuation { continuation in
            Thread {
                continuation.resume(
                    with: Result {
                        let process = Process()
                        process.executableURL = executable
                        process.arguments = arguments
                        let pipe = Pipe()
                        process.standardOutput = pipe
                        try process.run()
                        let output = pipe.fileHandleForReading.readDataToEndOfFile()
                        process.waitUntilExit()
                        return Array(output)
                    })
            }.start()
        }
    }
}
