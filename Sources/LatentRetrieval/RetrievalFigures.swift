import LatentCore

/// The retrieval figures every protocol reports: precision@10, 1-NN accuracy and mAP@100, from
/// one search of the 100 nearest database rows of each query.
public struct RetrievalFigures: Equatable, Sendable {
    public let precisionAt10: Double
    public let oneNearestNeighbourAccuracy: Double
    public let meanAveragePrecisionAt100: Double

    public init(
        database: Tensor, databaseLabels: [Int], queries: Tensor, queryLabels: [Int],
        metric: DistanceMetric = .squaredL2
    ) throws {
        let neighbours = try NearestNeighbourIndex(database, metric: metric).search(
            queries, k: min(100, database.shape[0]))
        let at10 = try RetrievalMetrics(
            neighbours, queryLabels: queryLabels, databaseLabels: databaseLabels, k: min(10, neighbours.k))
        let at100 = try RetrievalMetrics(neighbours, queryLabels: queryLabels, databaseLabels: databaseLabels)
        precisionAt10 = at10.precisionAtK
        oneNearestNeighbourAccuracy = at10.oneNearestNeighbourAccuracy
        meanAveragePrecisionAt100 = at100.meanAveragePrecision
    }
}
