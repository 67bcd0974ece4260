import LatentCore

/// Retrieval quality with labels as relevance: a neighbour is relevant when it has the query's label
/// (the definitions of ../shared/PROTOCOLS.md).
public struct RetrievalMetrics: Equatable, Sendable {
    /// Mean over queries of (relevant among the k nearest) / k.
    public let precisionAtK: Double
    /// Mean over queries of (relevant among the k nearest) / (relevant in the database).
    public let recallAtK: Double
    /// Mean over queries of AP@k = sum over r <= k of P@r * rel(r), over the relevant among the k (0 when none).
    public let meanAveragePrecision: Double
    /// Fraction of queries whose nearest neighbour has their label.
    public let oneNearestNeighbourAccuracy: Double
    public let k: Int

    /// - Parameters: databaseLabels: labels of the index's rows; queryLabels: one per query; k: at most the neighbours found.
    public init(_ neighbours: Neighbours, queryLabels: [Int], databaseLabels: [Int], k: Int? = nil) throws {
        let k = k ?? neighbours.k
        guard k >= 1, k <= neighbours.k else {
            throw LatentError("metrics at k = \(k) need 1 <= k <= \(neighbours.k) neighbours")
        }
        guard queryLabels.count == neighbours.queryCount else {
            throw LatentError("\(queryLabels.count) query labels for \(neighbours.queryCount) queries")
        }
        var relevantInDatabase: [Int: Int] = [:]
        for label in databaseLabels { relevantInDatabase[label, default: 0] += 1 }
        var (precision, recall, averagePrecision, nearest) = (0.0, 0.0, 0.0, 0.0)
        for (q, label) in queryLabels.enumerated() {
            var (hits, precisionSum) = (0, 0.0)
            for rank in 0..<k where databaseLabels[Int(neighbours.indices[q * neighbours.k + rank])] == label {
                hits += 1
                precisionSum += Double(hits) / Double(rank + 1)
                if rank == 0 { nearest += 1 }
            }
            precision += Double(hits) / Double(k)
            recall += Double(hits) / Double(max(relevantInDatabase[label, default: 0], 1))
            averagePrecision += hits > 0 ? precisionSum / Double(hits) : 0
        }
        let queries = Double(max(queryLabels.count, 1))
        precisionAtK = precision / queries
        recallAtK = recall / queries
        meanAveragePrecision = averagePrecision / queries
        oneNearestNeighbourAccuracy = nearest / queries
        self.k = k
    }
}
