import LatentCore

extension ImageIndex {
    /// This index with an HNSW graph over its codes, which its searches then go through, and the graph's recall@10
    /// against exact search measured on up to 1,000 of the indexed codes as queries.
    ///
    /// - Parameters:
    ///   - parameters: how the graph is built.
    ///   - ef: the search breadth the recall is measured at.
    public func withGraph(
        _ parameters: HNSWGraph.Parameters, recallEf ef: Int = HNSWGraph.defaultEf
    ) throws
        -> ImageIndex
    {
        let graph = try HNSWGraph(codes, metric: metric, parameters: parameters)
        let recall = try graph.recall(against: try NearestNeighbourIndex(codes, metric: metric), codes: codes, ef: ef)
        return try ImageIndex(
            codes: codes, metric: metric, codeSpace: codeSpace, preprocessing: preprocessing, channels: channels,
            height: height, width: width, paths: paths, labels: labels, classNames: classNames, thumbnails: thumbnails,
            graph: graph, graphRecall: recall)
    }
}
