import Foundation
import Testing

/// Paging through the collection: `GET /browse` answers the index's images in order, its size, and refuses
/// offsets and limits out of range with a 400 naming the parameter.
extension SearchServiceTests {
    @Test func browsePagesThroughTheIndexInOrder() async throws {
        try await withServer { port, _ in
            let first = try await LoopbackClient.send("GET", "/browse", port: port)
            #expect(first.status == 200)
            #expect(first.headers["content-type"] == "application/json")
            let page = try first.json()
            #expect(page["total"] as? Int == 40)
            #expect(page["offset"] as? Int == 0)
            let rows = (page["results"] as? [[String: Any]] ?? []).map { $0["row"] as? Int }
            #expect(rows == Array(0..<24))

            // The last page is short: 30 to 39, not 30 to 49.
            let last = try await LoopbackClient.send("GET", "/browse?offset=30&limit=20", port: port).json()
            let images = last["results"] as? [[String: Any]] ?? []
            #expect(images.map { $0["row"] as? Int } == Array(30..<40))
            #expect(images[8]["path"] as? String == "photos/shoes/img 38, ü.png")
            #expect(images[8]["label"] as? String == "shoes")
            #expect(images[9]["label"] as? String == "bags")
            #expect(images[9]["distance"] == nil)
        }
    }

    @Test(arguments: [
        ("offset=40", "offset must be a whole number from 0 to 39, got \"40\""),
        ("offset=-1", "offset must be a whole number from 0 to 39, got \"-1\""),
        ("offset=two", "offset must be a whole number from 0 to 39, got \"two\""),
        ("limit=0", "limit must be a whole number from 1 to 100, got \"0\""),
        ("limit=101", "limit must be a whole number from 1 to 100, got \"101\""),
    ])
    func browseRefusesAnOffsetOrLimitOutOfRange(query: String, message: String) async throws {
        try await withServer { port, _ in
            let reply = try await LoopbackClient.send("GET", "/browse?\(query)", port: port)
            #expect(reply.status == 400)
            #expect(try reply.json()["error"] as? String == message)
        }
    }

    @Test func thePageLinksBrowsingAndCarriesItsOwnIcon() async throws {
        try await withServer { port, _ in
            let page = try await LoopbackClient.send("GET", "/", port: port).text
            #expect(page.contains("id=\"browse\""))
            #expect(page.contains("<link rel=\"icon\" href=\"data:image/svg+xml,"))
            #expect(page.contains("history.pushState"))
            let wrongMethod = try await LoopbackClient.send("POST", "/browse", port: port)
            #expect(wrongMethod.status == 405)
            #expect(wrongMethod.headers["allow"] == "GET, HEAD")
        }
    }
}
