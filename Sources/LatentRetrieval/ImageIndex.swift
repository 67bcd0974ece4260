import LatentCore

/// A searchable collection of images: one code per image, how codes are made, and what to show for each image.
///
/// Everything a query needs to be treated exactly as the database was is kept here: the preprocessing of the
/// image files (size, colour, crop, as the importer recorded it), the code space (PCA basis or model weights)
/// and the metric. The value is read-only once made; searching it from several threads is safe.
public struct ImageIndex: @unchecked Sendable {
    /// (N, D) one code per image.
    public let codes: Tensor
    public let metric: DistanceMetric
    public let codeSpace: CodeSpace
    /// The importer's preprocessing settings as JSON, applied again to every query image.
    public let preprocessing: String
    /// What the code space takes: planar pixels (C, H, W) in [0, 1].
    public let channels: Int, height: Int, width: Int
    /// The image file of each row, as it was given at import.
    public let paths: [String]
    /// The class of each row (an index into `classNames`), or -1 when unlabelled.
    public let labels: [Int]
    public let classNames: [String]
    /// One small picture per row: in memory, or on disk and read when a page or a picture needs one.
    public let thumbnails: ThumbnailSet
    /// An approximate search graph over the codes, searched instead of every code when present.
    public let graph: HNSWGraph?
    /// The graph's recall@10 against exact search, measured when it was built.
    public let graphRecall: GraphRecall?
    /// The rows that hold the same image, which a search answers as one result.
    public let identical: IdenticalImages
    private let searcher: NearestNeighbourIndex

    public var count: Int { paths.count }
    public var dimension: Int { codes.shape[1] }

    public init(
        codes: Tensor, metric: DistanceMetric, codeSpace: CodeSpace, preprocessing: String,
        channels: Int, height: Int, width: Int, paths: [String], labels: [Int], classNames: [String],
        thumbnails: ThumbnailSet, graph: HNSWGraph? = nil, graphRecall: GraphRecall? = nil
    ) throws {
        guard codes.rank == 2, codes.shape[0] > 0 else {
            throw LatentError(
                "an image index needs one code per image (N, D) with N > 0, got codes of shape \(codes.shape)")
        }
        let n = codes.shape[0]
        guard paths.count == n, labels.count == n, thumbnails.count == n else {
            throw LatentError(
                "\(n) codes but \(paths.count) paths, \(labels.count) labels and \(thumbnails.count) thumbnails")
        }
        if let bad = labels.firstIndex(where: { $0 < -1 || $0 >= classNames.count }) {
            throw LatentError("row \(bad): label \(labels[bad]) is not one of the \(classNames.count) classes")
        }
        guard channels > 0, height > 0, width > 0 else {
            throw LatentError("image shape \(channels)x\(height)x\(width) is empty")
        }
        self.codes = codes
        self.metric = metric
        self.codeSpace = codeSpace
        self.preprocessing = preprocessing
        (self.channels, self.height, self.width) = (channels, height, width)
        self.paths = paths
        self.labels = labels
        self.classNames = classNames
        if let graph, graph.count != n || graph.dimension != codes.shape[1] || graph.metric != metric {
            throw LatentError(
                "an HNSW graph of \(graph.count) rows of \(graph.dimension) values (\(graph.metric.rawValue)) for "
                    + "\(n) codes of \(codes.shape[1]) values (\(metric.rawValue))")
        }
        self.thumbnails = thumbnails
        self.graph = graph
        self.graphRecall = graphRecall
        searcher = try NearestNeighbourIndex(codes, metric: metric)
        identical = try IdenticalImages(codes: codes, thumbnails: thumbnails)
    }

    /// The class name of `row`, or "" when unlabelled.
    public func label(of row: Int) -> String { labels[row] >= 0 ? classNames[labels[row]] : "" }

    /// The `k` nearest images of each query code, nearest first: through the graph when the index has one, else
    /// exactly. Rows holding the same image (`identical`) count once: the first found stands for them and lists the
    /// others' paths in `copies`.
    ///
    /// The search fetches a few more neighbours than `k` when the index repeats images, and twice as many again
    /// while some query's neighbours hold fewer than `k` different images, so that a collection with many copies
    /// costs more only for the queries that meet them.
    ///
    /// - Parameters:
    ///   - queryCodes: (Q, D) codes made the way `codeSpace` says.
    ///   - k: how many images each query gets, from 1 to the number of indexed images; fewer when the index holds
    ///     fewer different images.
    ///   - ef: the graph's search breadth (`HNSWGraph.defaultEf` when `nil`); exact search has none.
    public func search(_ queryCodes: Tensor, k: Int, ef: Int? = nil) throws -> [[ImageMatch]] {
        guard k >= 1, k <= count else {
            throw LatentError("k = \(k) must be between 1 and the \(count) images in the index")
        }
        var depth = min(count, k + min(identical.repeatCount, k))
        while true {
            let neighbours =
                if let graph {
                    try graph.search(queryCodes, k: depth, ef: ef ?? HNSWGraph.defaultEf)
                } else {
                    try searcher.search(queryCodes, k: depth)
                }
            let found = matches(neighbours, k: k)
            if depth == count || found.allSatisfy({ $0.count == k }) { return found }
            depth = min(count, 2 * depth)
        }
    }

    /// How many neighbours one search must fetch to be sure of `k` different images: `k` and every repeated row, at
    /// most all. A search that cannot be repeated at will (every process of an MPI job takes part) fetches this many.
    ///
    /// - Parameter k: the images wanted.
    public func searchDepth(k: Int) -> Int { min(count, k + identical.repeatCount) }

    /// The first `k` different images among each query's neighbours in this index, nearest first, each listing the
    /// paths of the other rows that hold it.
    ///
    /// - Parameters:
    ///   - neighbours: what a search of `searchDepth(k:)` neighbours found.
    ///   - k: the images each query keeps.
    public func matches(_ neighbours: Neighbours, k: Int) -> [[ImageMatch]] {
        (0..<neighbours.queryCount).map { query in
            var seen = Set<Int>()
            var found: [ImageMatch] = []
            // An approximate search may find fewer than asked (row -1); a reader never sees those slots.
            for (row, distance) in neighbours.of(query) where row >= 0 && found.count < k {
                guard seen.insert(identical.first[row]).inserted else { continue }
                let copies = identical.rows(sameAs: row).filter { $0 != row }.map { paths[$0] }
                found.append(
                    ImageMatch(
                        row: row, path: paths[row], label: label(of: row), distance: distance, rank: found.count + 1,
                        copies: copies))
            }
            return found
        }
    }
}
