import LatentCore
import LatentDistributed
import LatentRetrieval

/// Exact k-nearest-neighbour search over a database split across the processes of an `mpirun` job: each process
/// searches its contiguous slice for its own k best, and rank 0 merges them (`Neighbours.merged`), so the answer is
/// the one a single process gives. Without a job it is one ordinary search.
struct ShardedSearch {
    /// The job of several processes that shares the search, `nil` for one process.
    private let job: Communicator?
    /// This process's slice of the database rows (all of them for one process), and its index.
    private let rows: Range<Int>
    private let index: NearestNeighbourIndex

    /// This process's part of the search of `database`; in a job, once every process has agreed on `facts` (the
    /// command line, the data and the files it searches), which is evaluated only in a job.
    init(
        _ database: Tensor, metric: DistanceMetric, job: Communicator?,
        agreeingOn facts: () throws -> JobFacts
    ) throws {
        guard let job, job.size > 1 else {
            (self.job, rows) = (nil, 0..<database.shape[0])
            index = try NearestNeighbourIndex(database, metric: metric)
            return
        }
        // Every process can tell this from the shape alone, so they all stop here together, before the agreement.
        guard database.shape[0] >= job.size else {
            throw LatentError(
                "the database's \(database.shape[0]) rows are fewer than the \(job.size) processes of "
                    + "the job; run fewer processes")
        }
        (self.job, rows) = (job, job.share(of: database.shape[0]))
        index = try NearestNeighbourIndex(database.rows(rows), metric: metric)
        try job.agree(on: try facts())
    }

    /// The k nearest database rows of each query on rank 0 (and in a single process); `nil` on the other ranks.
    ///
    /// - Parameters:
    ///   - queries: (Q, D) rows, as many columns as the database.
    ///   - k: how many neighbours each query gets, at most the database's rows.
    func search(_ queries: Tensor, k: Int) throws -> Neighbours? {
        guard let job else { return try index.search(queries, k: k) }
        let local = try index.search(queries, k: min(k, rows.count))
        // Each rank sends k slots per query (its own best, padded with row -1), so that every rank sends as many.
        var indices = [Int64](repeating: -1, count: queries.shape[0] * k)
        var distances = [Float](repeating: .infinity, count: queries.shape[0] * k)
        for query in 0..<queries.shape[0] {
            for (slot, found) in local.of(query).enumerated() {
                (indices[query * k + slot], distances[query * k + slot]) = (
                    Int64(found.index + rows.lowerBound), found.distance
                )
            }
        }
        let allIndices = job.gather(indices, in: "the gather of each process's nearest rows")
        let allDistances = job.gather(distances, in: "the gather of each process's nearest distances")
        guard job.isRoot else { return nil }
        let slots = queries.shape[0] * k
        let parts = (0..<job.size).map { rank in
            let range = (rank * slots)..<((rank + 1) * slots)
            return (
                neighbours: Neighbours(
                    queryCount: queries.shape[0], k: k,
                    indices: allIndices[range].map { Int32($0) }, distances: Array(allDistances[range])),
                firstRow: 0
            )
        }
        return Neighbours.merged(parts, k: k)
    }
}
