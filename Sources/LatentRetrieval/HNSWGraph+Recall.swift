import LatentCore

extension HNSWGraph {
    /// recall@k of the graph against exact search: over queries taken from the graph's own rows, the mean fraction
    /// of each query's exact k nearest (the query itself among them) that the graph returns too.
    ///
    /// - Parameters:
    ///   - exact: exact search over the same rows and metric.
    ///   - codes: the (N, D) rows both were made from.
    ///   - k: neighbours per query, at most the number of rows.
    ///   - ef: the graph's search breadth.
    ///   - queries: how many rows to ask about, evenly spaced through the rows (all of them when fewer).
    public func recall(
        against exact: NearestNeighbourIndex, codes: Tensor, k: Int = 10, ef: Int = HNSWGraph.defaultEf,
        queries: Int = 1_000
    ) throws -> GraphRecall {
        guard exact.count == count, exact.dimension == dimension, exact.metric == metric else {
            throw LatentError("recall of a graph over \(count) rows against an exact index over \(exact.count)")
        }
        let k = min(k, count)
        let asked = min(queries, count)
        // Rows i * N / Q: spread over the whole database, the same rows every time.
        let rows = (0..<asked).map { $0 * count / asked }
        let queryRows = Tensor(
            shape: [asked, dimension],
            scalars: codes.withUnsafeBufferPointer { values in
                rows.flatMap { values[($0 * dimension)..<(($0 + 1) * dimension)] }
            })
        let truth = try exact.search(queryRows, k: k)
        let found = try search(queryRows, k: k, ef: ef)
        var hits = 0
        for query in 0..<asked {
            let expected = Set(truth.indices[(query * k)..<((query + 1) * k)])
            hits += found.indices[(query * k)..<((query + 1) * k)].filter(expected.contains).count
        }
        return GraphRecall(value: Double(hits) / Double(asked * k), k: k, ef: ef, queries: asked)
    }
}
