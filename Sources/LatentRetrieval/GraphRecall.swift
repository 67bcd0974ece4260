/// How often an approximate search finds what exact search finds: recall@k measured on `queries` queries.
public struct GraphRecall: Equatable, Sendable {
    /// The mean fraction of each query's exact k nearest that the approximate search returned, 0 to 1.
    public let value: Double
    public let k: Int
    /// The search breadth it was measured at.
    public let ef: Int
    public let queries: Int

    public init(value: Double, k: Int, ef: Int, queries: Int) {
        (self.value, self.k, self.ef, self.queries) = (value, k, ef, queries)
    }
}
