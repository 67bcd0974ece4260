import LatentCore
import LatentDistributed
import LatentRetrieval

/// Exact k-nearest-neighbour search over a database split across the processes of an `mpirun` job: each process
/// searches its contiguous slice for its own k best, and rank 0 merges them (`Neighbours.merged`), so the answer is
/// the one a single process gives. Without a job it is one ordinary search.
enum ShardedSearch {
    /// The k nearest database rows of each query on rank 0 (and in a single process); `nil` on the other ranks.
    static func search(
        _ database: Tensor, metric: DistanceMetric, queries: Tensor, k: Int,
        job: Communicator?
    ) throws -> Neighbours? {
        guard let job, job.size > 1 else {
            return try NearestNeighbourIndex(database, metric: metric).search(queries, k: k)
        }
        let rows = job.share(of: database.shape[0])
        // Every rank can tell this from the shape alone, so they all stop here together.
        guard database.shape[0] >= job.size else {
            throw LatentError(
                "the database's \(database.shape[0]) rows are fewer than the \(job.size) processes of "
                    + "the job; run fewer processes")
        }
        let local = try NearestNeighbourIndex(database.rows(rows), metric: metric)
            .search(queries, k: min(k, rows.count))
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
        let allIndices = job.gather(indices)
        let allDistances = job.gather(distances)
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
