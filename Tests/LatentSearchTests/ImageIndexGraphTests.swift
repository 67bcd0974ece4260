import Foundation
import LatentCore
import LatentData
import LatentRetrieval
import LatentSearch
import LatentSearchTestSupport
import LatentStorage
import LatentTestSupport
import Testing

/// HNSW graphs in image indexes, on real images: 4,000 Fashion-MNIST train images when Debian's package is installed,
/// else 4,000 MNIST digits from ../shared/data; skipped when neither is present.
@Suite(.enabled(if: TestData.hasFashionMNIST || TestData.hasMNIST, "needs Fashion-MNIST or ../shared/data/mnist"))
struct ImageIndexGraphTests {
    static let databaseCount = 4_000, queryCount = 300

    /// The first 4,300 train images: 4,000 to index, the rest as queries the index has never seen.
    nonisolated(unsafe) static let dataset: ImageDataset? = {
        let loaded =
            TestData.fashionMNIST?.train
            ?? (TestData.hasMNIST ? try? KnownDataset.mnist.load(.train, from: TestData.mnistDirectory) : nil)
        return loaded?.selecting(Array(0..<(databaseCount + queryCount)))
    }()

    /// An index of the first 4,000 images by their PCA-32 codes, and the codes of the 300 images after them.
    func indexAndQueries(metric: DistanceMetric) throws -> (index: ImageIndex, queries: Tensor) {
        let dataset = try #require(ImageIndexGraphTests.dataset)
        let count = ImageIndexGraphTests.databaseCount
        let source = IndexSource(
            images: dataset.images.rows(0..<count), channels: 1, height: 28, width: 28,
            paths: (0..<count).map { "train/\($0)" }, labels: Array(dataset.labels.prefix(count)),
            classNames: dataset.classNames, preprocessing: ImportedImages.preprocessing(side: 28, grey: true))
        let index = try ImageIndexBuilder.build(source, codes: .pca(components: 32), metric: metric)
        let search = try ImageSearch(index: index, preparer: RawPixels(valuesPerImage: 784))
        let held = dataset.images.rows(count..<(count + ImageIndexGraphTests.queryCount))
        var codes: [Float] = []
        for row in 0..<held.shape[0] {
            codes += try search.code(of: Array(held.rows(row..<(row + 1)).scalars)).scalars
        }
        return (index, Tensor(shape: [held.shape[0], 32], scalars: codes))
    }

    @Test(arguments: DistanceMetric.allCases)
    func findsWhatExactSearchFindsOnUnseenImages(metric: DistanceMetric) throws {
        let (plain, queries) = try indexAndQueries(metric: metric)
        let index = try plain.withGraph(HNSWGraph.Parameters())
        let recall = try #require(index.graphRecall)
        #expect(recall.value >= 0.95)
        #expect((recall.k, recall.ef, recall.queries) == (10, HNSWGraph.defaultEf, 1_000))

        // The build-time figure, checked from outside: unseen queries, the plain index's exact answers.
        let exact = try plain.search(queries, k: 10)
        let approximate = try index.search(queries, k: 10)
        var hits = 0
        for (want, got) in zip(exact, approximate) {
            let expected = Dictionary(uniqueKeysWithValues: want.map { ($0.row, $0.distance) })
            for match in got {
                guard let distance = expected[match.row] else { continue }
                hits += 1
                // The graph measures the distance exact search does, up to rounding.
                #expect(abs(match.distance - distance) <= 1e-4 * max(1, abs(distance)), "row \(match.row)")
            }
            #expect(got.map(\.distance) == got.map(\.distance).sorted())
        }
        let unseenRecall = Double(hits) / Double(10 * queries.shape[0])
        #expect(unseenRecall >= 0.95, "recall@10 \(unseenRecall) on unseen images")
        // A narrow search finds less: ef is really used.
        let narrow = try index.graph!.search(queries, k: 10, ef: 10)
        let wide = try index.graph!.search(queries, k: 10, ef: 400)
        #expect(narrow != wide)
    }

    @Test func theGraphRoundTripsThroughTheIndexFile() throws {
        let scratch = try ScratchDirectory()
        let (plain, queries) = try indexAndQueries(metric: .cosine)
        let index = try plain.withGraph(HNSWGraph.Parameters(m: 8, efConstruction: 100))
        try index.save(to: scratch.path("graph.index.h5"))
        let loaded = try ImageIndex.load(from: scratch.path("graph.index.h5"))
        let graph = try #require(loaded.graph)
        #expect(graph.parameters == HNSWGraph.Parameters(m: 8, efConstruction: 100))
        #expect(loaded.graphRecall == index.graphRecall)
        for ef in [10, 64] {
            let before = try index.graph!.search(queries, k: 10, ef: ef)
            let after = try graph.search(queries, k: 10, ef: ef)
            #expect(before == after, "ef \(ef)")
        }
        #expect(try HDF5File.open(scratch.path("graph.index.h5")).datasetPaths().contains("/hnsw/graph"))
    }

    @Test func exactSearchStaysTheDefault() throws {
        let scratch = try ScratchDirectory()
        let (index, queries) = try indexAndQueries(metric: .squaredL2)
        #expect(index.graph == nil && index.graphRecall == nil)
        try index.save(to: scratch.path("exact.index.h5"))
        let loaded = try ImageIndex.load(from: scratch.path("exact.index.h5"))
        #expect(loaded.graph == nil)
        #expect(!(try HDF5File.open(scratch.path("exact.index.h5")).datasetPaths().contains("/hnsw/graph")))
        let exact = try NearestNeighbourIndex(index.codes, metric: .squaredL2).search(queries, k: 10)
        #expect(
            try loaded.search(queries, k: 10).map { $0.map(\.row) }
                == loaded.matches(exact, k: 10).map { $0.map(\.row) })
    }

    @Test func aDamagedGraphIsRefusedNotFollowed() throws {
        let (index, _) = try indexAndQueries(metric: .squaredL2)
        let graph = try HNSWGraph(index.codes, metric: .squaredL2, parameters: HNSWGraph.Parameters(m: 4))
        let bytes = try graph.serialized()
        let (count, dimension) = (index.count, index.dimension)
        func load(_ bytes: [UInt8], count: Int = count) throws {
            _ = try HNSWGraph(serialized: bytes, metric: .squaredL2, count: count, dimension: dimension)
        }
        try load(bytes)
        #expect(throws: LatentError("load the HNSW graph: the graph does not hold one node per code")) {
            try load(bytes, count: count - 1)
        }
        #expect(throws: LatentError("load the HNSW graph: the graph is shorter than its header")) {
            try load(Array(bytes.prefix(50)))
        }
        #expect(throws: LatentError.self) { try load(Array(bytes.dropLast(1_000))) }
        // The first node's first bottom-layer link (after the 96-byte header and the node's link count) pointed far
        // outside the graph.
        var linkOutside = bytes
        for offset in 100..<104 { linkOutside[offset] = 0xFF }
        #expect(throws: LatentError("load the HNSW graph: a link of the graph leads outside it")) {
            try load(linkOutside)
        }
    }

    @Test func parametersOutOfRangeAreRefusedByName() throws {
        let codes = Tensor(shape: [3, 2], scalars: [0, 1, 1, 0, 1, 0.5])
        #expect(throws: LatentError("HNSW links per node m = 0 must be 2...512")) {
            _ = try HNSWGraph(codes, metric: .cosine, parameters: HNSWGraph.Parameters(m: 0))
        }
        let graph = try HNSWGraph(codes, metric: .cosine)
        #expect(throws: LatentError("HNSW search breadth ef = 0 must be 1...100000")) {
            _ = try graph.search(codes, k: 1, ef: 0)
        }
        #expect(try graph.search(codes, k: 3).indices == [0, 2, 1, 1, 2, 0, 2, 1, 0])
    }
}
