import LatentCore
import LatentRetrieval
import LatentSearch
import LatentSearchTestSupport
import Testing

/// Rows holding the same pixels are one search result, however many there are.
@Suite struct IdenticalImagesTests {
    /// The fixture's 40 images with image 21's pixels at `rows` too.
    static func source(copiesAt rows: [Int]) -> IndexSource {
        var source = SearchFixtures.source()
        let images = try! source.pixels.all()
        let width = source.valuesPerImage
        var pixels = images.scalars
        for row in rows {
            pixels.replaceSubrange((row * width)..<((row + 1) * width), with: pixels[(21 * width)..<(22 * width)])
        }
        source.pixels = .inMemory(Tensor(shape: images.shape, scalars: pixels))
        return source
    }

    @Test func anImageHeldElevenTimesIsOneOfKResults() throws {
        let copies = [0, 3, 7, 12, 18, 25, 29, 33, 36, 39]
        let index = try ImageIndexBuilder.build(Self.source(copiesAt: copies), codes: .pixels, metric: .squaredL2)
        #expect(index.identical.repeatCount == 10)
        #expect(index.identical.rows(sameAs: 39) == (copies + [21]).sorted())
        #expect(index.identical.first[39] == 0 && index.identical.first[21] == 0 && index.identical.first[1] == 1)
        // k = 3 asks for 6 neighbours first, all copies; the search widens until three different images are found.
        let found = try index.search(index.codes.rows(21..<22), k: 3)[0]
        #expect(found.count == 3)
        #expect(found[0].row == 0 && found[0].distance == 0)
        #expect(found[0].copies == (copies.dropFirst() + [21]).sorted().map { index.paths[$0] })
        #expect(found.dropFirst().allSatisfy { $0.copies.isEmpty && index.identical.first[$0.row] == $0.row })
        // The same three images as an exact search of every row, read past the copies.
        let everything = try NearestNeighbourIndex(index.codes, metric: .squaredL2).search(
            index.codes.rows(21..<22), k: 40)
        let distinct = everything.of(0).map(\.index).filter { !copies.contains($0) && $0 != 21 }
        #expect(found.map(\.row) == [0] + distinct.prefix(2))
        // An index of 30 different images answers k = 35 with all 30.
        #expect(try index.search(index.codes.rows(5..<6), k: 35)[0].count == 30)
    }
}
