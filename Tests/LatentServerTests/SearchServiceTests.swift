import Foundation
import LatentRetrieval
import LatentSearch
import LatentSearchTestSupport
import LatentServer
import LatentTestSupport
import Testing

/// The service over loopback: a real socket, real HTTP, the server started on a free port and stopped after.
@Suite struct SearchServiceTests {
    /// Runs `body` against a server of a 40-image index on a port the system picks, then stops the server.
    /// `photos` is the folder `GET /original/ROW` reads from; `source` the images indexed.
    func withServer(
        limits: SearchLimits = SearchLimits(uploadBytes: 4096, requestSeconds: 2), photos: String? = nil,
        source: IndexSource = SearchFixtures.source(),
        _ body: (Int, IndexSource) async throws -> Void
    ) async throws {
        let index = try ImageIndexBuilder.build(source, codes: .pca(components: 8), metric: .cosine, thumbnailSide: 6)
        let search = try ImageSearch(index: index, preparer: RawPixels(valuesPerImage: 108))
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let server = SearchServer(
            search: search, host: "127.0.0.1", port: 0, limits: limits, photos: photos, stopsOnSignals: false
        ) {
            continuation.yield($0)
        }
        let running = Task { try await server.run() }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else {
            throw LoopbackClient.Failure(description: "the server did not start")
        }
        do {
            try await body(port, source)
        } catch {
            await server.stop()
            throw error
        }
        await server.stop()
        try await running.value
    }

    @Test func healthPageAndThumbnailsAnswer() async throws {
        try await withServer { port, _ in
            let health = try await LoopbackClient.send("GET", "/health", port: port)
            #expect(health.status == 200)
            let figures = try health.json()
            #expect(figures["images"] as? Int == 40)
            #expect(figures["code_space"] as? String == "pca-8")
            #expect(figures["metric"] as? String == "cosine")
            let page = try await LoopbackClient.send("GET", "/", port: port)
            #expect(page.status == 200)
            #expect(page.headers["content-type"]?.hasPrefix("text/html") == true)
            #expect(page.text.contains("id=\"results\""))
            let thumbnail = try await LoopbackClient.send("GET", "/thumbnail/39", port: port)
            #expect(thumbnail.status == 200)
            #expect(thumbnail.headers["content-type"] == "image/png")
            #expect(Array(thumbnail.body.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
            for bad in ["/thumbnail/40", "/thumbnail/-1", "/thumbnail/x"] {
                let missing = try await LoopbackClient.send("GET", bad, port: port)
                #expect(missing.status == 404, "\(bad)")
                #expect((try missing.json()["error"] as? String)?.contains("rows 0 to 39") == true, "\(bad)")
            }
        }
    }

    @Test func anUploadedDatabaseImageComesBackFirst() async throws {
        try await withServer { port, source in
            let reply = try await LoopbackClient.send(
                "POST", "/search?k=3", port: port,
                body: SearchFixtures.queryBytes(of: 21, in: source))
            #expect(reply.status == 200)
            let results = try reply.json()["results"] as? [[String: Any]] ?? []
            #expect(results.count == 3)
            #expect(results.first?["row"] as? Int == 21)
            #expect(results.first?["path"] as? String == "photos/bags/img 21, ü.png")
            #expect(results.first?["label"] as? String == "bags")
            #expect(abs(results.first?["distance"] as? Double ?? 1) < 1e-5)
            #expect(results.map { $0["rank"] as? Int } == [1, 2, 3])
            let again = try await LoopbackClient.send("GET", "/neighbours/21?k=2", port: port)
            #expect(again.status == 200)
            #expect((try again.json()["results"] as? [[String: Any]])?.first?["row"] as? Int == 21)
        }
    }

    @Test func badUploadsGetA4xxAndTheNextGoodOneWorks() async throws {
        try await withServer { port, source in
            let good = SearchFixtures.queryBytes(of: 5, in: source)
            let refused: [(String, [UInt8], Int, String)] = [
                ("/search?k=3", Array("not an image".utf8), 400, "not an image"),
                ("/search?k=3", Array(good.prefix(50)), 400, "50 bytes"),
                ("/search?k=3", [], 400, "no body"),
                ("/search?k=3", Array("BIG".utf8) + good.dropFirst(3), 413, "too many pixels"),
                ("/search?k=3", [UInt8](repeating: 7, count: 5000), 413, "larger than 4096 bytes"),
                ("/search?k=0", good, 400, "k must be"),
                ("/search?k=41", good, 400, "from 1 to 40"),
                ("/search?k=abc", good, 400, "\"abc\""),
            ]
            for (path, body, status, message) in refused {
                let reply = try await LoopbackClient.send("POST", path, port: port, body: body)
                #expect(reply.status == status, "\(path) with \(body.count) bytes")
                #expect(reply.headers["content-type"] == "application/json")
                #expect((try reply.json()["error"] as? String)?.contains(message) == true, "\(reply.text)")
                let next = try await LoopbackClient.send("POST", "/search?k=1", port: port, body: good)
                #expect(next.status == 200)
                #expect((try next.json()["results"] as? [[String: Any]])?.first?["row"] as? Int == 5)
            }
        }
    }

    @Test func aStalledUploadGets408AndTheServerKeepsServing() async throws {
        try await withServer { port, source in
            let good = SearchFixtures.queryBytes(of: 9, in: source)
            let started = ContinuousClock.now
            // The body stops after 10 of its bytes while every thread of Swift concurrency's shared pool is held, as a
            // loaded machine holds them: the 408 must not wait for one.
            let stalled = try await SharedThreads.heldWhile {
                try LoopbackClient.request(
                    "POST", "/search?k=1", port: port, body: Array(good.prefix(10)), declaredLength: good.count)
            }
            #expect(stalled.status == 408)
            #expect(
                (try stalled.json()["error"] as? String)?.contains("longer than 2.0 seconds") == true, "\(stalled.text)"
            )
            // Not before the limit; no upper bound, which load could break: a server that never times out fails above,
            // as the connection is closed without an answer (its idle timeout) or the client gives up waiting.
            #expect(started.duration(to: .now) >= .seconds(2))
            let next = try await LoopbackClient.send("POST", "/search?k=1", port: port, body: good)
            #expect((try next.json()["results"] as? [[String: Any]])?.first?["row"] as? Int == 9)
        }
    }
}
