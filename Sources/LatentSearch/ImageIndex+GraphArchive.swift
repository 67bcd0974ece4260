import LatentCore
import LatentRetrieval
import LatentStorage

/// The HNSW graph of an index file: `/hnsw/graph` and the `ann*` attributes that `ImageIndex+Archive` describes.
extension ImageIndex {
    static let graphPath = "/hnsw/graph"

    func write(_ graph: HNSWGraph, recall: GraphRecall?, to file: HDF5File) throws {
        try file.setAttribute("ann", "hnsw")
        let bytes = try graph.serialized()
        try file.write(bytes: bytes, shape: [bytes.count], at: ImageIndex.graphPath)
        guard let recall else { return }
        try file.setAttribute("ann_recall", String(recall.value))
        try file.setAttribute("ann_recall_k", String(recall.k))
        try file.setAttribute("ann_recall_ef", String(recall.ef))
        try file.setAttribute("ann_recall_queries", String(recall.queries))
    }

    /// The file's graph and its recall, or `nil`s for an index searched exactly.
    static func readGraph(
        _ file: HDF5File, metric: DistanceMetric, count: Int, dimension: Int
    ) throws -> (HNSWGraph?, GraphRecall?) {
        switch try file.stringAttribute("ann") {
        case nil: return (nil, nil)
        case "hnsw": break
        case let other?: throw LatentError("\(file.name): unknown approximate search \"\(other)\" (known: hnsw)")
        }
        let graph: HNSWGraph
        do {
            graph = try HNSWGraph(
                serialized: try file.readBytes(graphPath).bytes, metric: metric, count: count, dimension: dimension)
        } catch let error as LatentError {
            throw LatentError("\(file.name): \(graphPath): \(error)")
        }
        guard let value = try file.stringAttribute("ann_recall") else { return (graph, nil) }
        let number = { (name: String) in try file.stringAttribute(name).flatMap(Int.init) }
        guard let recall = Double(value), (0...1).contains(recall), let k = try number("ann_recall_k"),
            let ef = try number("ann_recall_ef"), let queries = try number("ann_recall_queries")
        else {
            throw LatentError(
                "\(file.name): ann_recall \"\(value)\" needs to be a number from 0 to 1, with whole numbers "
                    + "ann_recall_k, ann_recall_ef and ann_recall_queries")
        }
        return (graph, GraphRecall(value: recall, k: k, ef: ef, queries: queries))
    }
}
