import LatentCore
import LatentSearch
import LatentSearchTestSupport
import Testing

/// Images held more than once (the same pixels, so the same code and thumbnail) come back as one result that lists
/// the others' paths, and k counts them once.
extension SearchServiceTests {
    /// The fixture's 40 images with image 21's pixels at rows 5 and 30 too: one image held three times.
    static func sourceWithCopies() -> IndexSource {
        var source = SearchFixtures.source()
        let images = try! source.pixels.all()
        let width = source.valuesPerImage
        var pixels = images.scalars
        for row in [5, 30] {
            pixels.replaceSubrange((row * width)..<((row + 1) * width), with: pixels[(21 * width)..<(22 * width)])
        }
        source.pixels = .inMemory(Tensor(shape: images.shape, scalars: pixels))
        return source
    }

    @Test func identicalImagesAreOneResultListingTheOthers() async throws {
        try await withServer(source: Self.sourceWithCopies()) { port, source in
            let upload = try await LoopbackClient.send(
                "POST", "/search?k=3", port: port, body: SearchFixtures.queryBytes(of: 21, in: source))
            #expect(upload.status == 200)
            let results = try upload.json()["results"] as? [[String: Any]] ?? []
            // The three rows tie at distance 0; the lowest stands for them.
            #expect(results.map { $0["row"] as? Int }.first == 5)
            #expect(results.first?["copies"] as? [String] == [source.paths[21], source.paths[30]])
            #expect(results.count == 3)
            #expect(results.dropFirst().allSatisfy { ($0["copies"] as? [String]) == [] })
            #expect(results.compactMap { $0["row"] as? Int }.filter { [21, 30].contains($0) } == [])
            #expect(results.map { $0["rank"] as? Int } == [1, 2, 3])
            // The same from a copy's own row.
            let neighbours = try await LoopbackClient.send("GET", "/neighbours/30?k=3", port: port).json()
            let fromRow = neighbours["results"] as? [[String: Any]] ?? []
            #expect(fromRow.count == 3)
            #expect(fromRow.first?["row"] as? Int == 5)
            #expect(fromRow.first?["copies"] as? [String] == [source.paths[21], source.paths[30]])
            #expect(fromRow.map { $0["row"] as? Int } == results.map { $0["row"] as? Int })
        }
    }
}
