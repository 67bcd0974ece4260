import LatentCore
import LatentRetrieval
import LatentTestSupport
import Testing

@Suite struct SearchTests {
    /// Every distance written out in Double, sorted, ties broken by row.
    func bruteForce(
        _ database: Tensor, _ queries: Tensor, k: Int, metric: DistanceMetric, skipRows: [Int]?
    ) -> [[(Int, Double)]] {
        let (m, d) = (database.shape[0], database.shape[1])
        let x = database.scalars.map(Double.init)
        let q = queries.scalars.map(Double.init)
        return (0..<queries.shape[0]).map { i in
            var all: [(Int, Double)] = []
            for j in 0..<m where j != skipRows?[i] {
                var (dot, qq, xx, sq) = (0.0, 0.0, 0.0, 0.0)
                for t in 0..<d {
                    let (a, b) = (q[i * d + t], x[j * d + t])
                    dot += a * b
                    qq += a * a
                    xx += b * b
                    sq += (a - b) * (a - b)
                }
                all.append((j, metric == .cosine ? 1 - dot / (qq * xx).squareRoot() : sq))
            }
            return Array(all.sorted { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0 < $1.0 }.prefix(k))
        }
    }

    @Test(arguments: DistanceMetric.allCases, [false, true])
    func matchesABruteForceReferenceAcrossBlocks(metric: DistanceMetric, excludingSelf: Bool) throws {
        // More rows than one block of queries (512) and of database rows (8192).
        let database = randomTensor([9_000, 5], seed: 1)
        let queryRows = Array(stride(from: 3, to: 9_000, by: 15))
        let queries = Tensor(
            shape: [queryRows.count, 5], scalars: queryRows.flatMap { Array(database.scalars[($0 * 5)..<($0 * 5 + 5)]) }
        )
        let index = try NearestNeighbourIndex(database, metric: metric)
        let found = try index.search(queries, k: 4, databaseRowsOfQueries: excludingSelf ? queryRows : nil)
        let expected = bruteForce(database, queries, k: 4, metric: metric, skipRows: excludingSelf ? queryRows : nil)
        var mismatches = 0
        for q in 0..<queryRows.count {
            for (got, want) in zip(found.of(q), expected[q]) {
                if got.index != want.0 { mismatches += 1 }
                #expect(abs(Double(got.distance) - want.1) < 1e-4, "query \(q)")
            }
            if !excludingSelf { #expect(found.of(q)[0].index == queryRows[q]) }
        }
        #expect(mismatches == 0)
    }

    @Test(arguments: DistanceMetric.allCases)
    func slicesMergedAnswerAsTheWholeDatabase(metric: DistanceMetric) throws {
        // Rows repeated across the slices make exact ties, which the merge must break by the lower row as one search does.
        let base = randomTensor([700, 6], seed: 3)
        let database = Tensor(shape: [1_400, 6], scalars: base.scalars + base.scalars)
        let queries = randomTensor([9, 6], seed: 4)
        let whole = try NearestNeighbourIndex(database, metric: metric).search(queries, k: 7)
        for cuts in [[0, 1_400], [0, 3, 1_400], [0, 500, 701, 1_100, 1_400]] {
            let parts = try zip(cuts, cuts.dropFirst()).map { start, end in
                (
                    neighbours: try NearestNeighbourIndex(database.rows(start..<end), metric: metric)
                        .search(queries, k: min(7, end - start)), firstRow: start
                )
            }
            #expect(Neighbours.merged(parts, k: 7) == whole, "slices \(cuts)")
        }
        #expect(whole.indices[1] == whole.indices[0] + 700, "a row and its copy tie; the lower row comes first")
    }

    @Test func badRequestsAreNamed() throws {
        let index = try NearestNeighbourIndex(randomTensor([10, 3], seed: 1))
        #expect(throws: LatentError("k = 11 must be between 1 and the 10 database rows available")) {
            try index.search(randomTensor([2, 3], seed: 2), k: 11)
        }
        #expect(throws: LatentError("k = 0 must be between 1 and the 10 database rows available")) {
            try index.search(randomTensor([2, 3], seed: 2), k: 0)
        }
        #expect(throws: LatentError("queries of shape [2, 4] do not match the index's 3 dimensions")) {
            try index.search(randomTensor([2, 4], seed: 2), k: 1)
        }
        let bad = randomTensor([2, 3], seed: 2)
        bad[element: 4] = .nan
        #expect(throws: LatentError("queries: non-finite value nan at row 1, column 1")) { try index.search(bad, k: 1) }
        #expect(throws: LatentError.self) { try NearestNeighbourIndex(bad) }
    }
}

@Suite struct MetricTests {
    /// Database labels by row, and two queries whose neighbours are listed by hand.
    let databaseLabels = [0, 0, 1, 1, 0, 1]
    let neighbours = Neighbours(queryCount: 2, k: 3, indices: [0, 2, 1, 2, 3, 0], distances: [1, 2, 3, 1, 2, 3])

    @Test func precisionRecallAndAPWorkedByHand() throws {
        // Query 0 (label 0): relevant at ranks 1 and 3: P@3 = 2/3, AP = (1 + 2/3) / 2, recall 2/3 (3 zeros in the database).
        // Query 1 (label 0): relevant at rank 3 only: P@3 = 1/3, AP = (1/3) / 1, recall 1/3.
        let metrics = try RetrievalMetrics(neighbours, queryLabels: [0, 0], databaseLabels: databaseLabels)
        #expect(abs(metrics.precisionAtK - 0.5) < 1e-12)
        #expect(abs(metrics.recallAtK - 0.5) < 1e-12)
        #expect(abs(metrics.meanAveragePrecision - ((1 + 2.0 / 3) / 2 + 1.0 / 3) / 2) < 1e-12)
        #expect(metrics.oneNearestNeighbourAccuracy == 0.5)
        let atOne = try RetrievalMetrics(neighbours, queryLabels: [0, 0], databaseLabels: databaseLabels, k: 1)
        #expect(atOne.precisionAtK == 0.5 && atOne.meanAveragePrecision == 0.5)
        #expect(throws: LatentError.self) {
            try RetrievalMetrics(neighbours, queryLabels: [0], databaseLabels: databaseLabels)
        }
    }

    @Test func votesBreakTiesByDistance() {
        // Query 0 sees labels 0, 1, 0 and query 1 sees 1, 1, 0: majorities 0 and 1.
        #expect(NearestNeighbourClassifier.predict(neighbours, databaseLabels: databaseLabels) == [0, 1])
        // One 0 and one 1: the label of the nearer neighbour wins, whatever its rank in the list.
        let tie = Neighbours(queryCount: 2, k: 2, indices: [2, 0, 4, 5], distances: [1, 2, 3, 0.5])
        #expect(NearestNeighbourClassifier.predict(tie, databaseLabels: databaseLabels) == [1, 1])
        let otherTie = Neighbours(queryCount: 1, k: 2, indices: [0, 2], distances: [1, 2])
        #expect(NearestNeighbourClassifier.predict(otherTie, databaseLabels: databaseLabels) == [0])
    }

    @Test func confusionMatrixCountsAndAccuracies() throws {
        let matrix = try ConfusionMatrix(
            trueLabels: [0, 0, 1, 1, 1, 2], predicted: [0, 1, 1, 1, 0, 2], classNames: ["a", "b", "c"])
        #expect(matrix.counts == [[1, 1, 0], [1, 2, 0], [0, 0, 1]])
        #expect(matrix.perClassAccuracy == [0.5, 2.0 / 3, 1])
        #expect(abs(matrix.accuracy - 4.0 / 6) < 1e-12)
        #expect(throws: LatentError.self) { try ConfusionMatrix(trueLabels: [3], predicted: [0], classNames: ["a"]) }
    }

    @Test func tableExports() {
        let table = NeighbourTable(neighbours, queryLabels: [7, 9])
        #expect(table.rows[3] == NeighbourTable.Row(queryLabel: 9, referenceLabel: 2, distance: 1, rank: 1))
        #expect(table.csv.hasPrefix("query_label,reference_label,distance,rank\n7,0,1.0,1\n"))
        #expect(table.json.hasPrefix("[{\"distance\":1,\"query_label\":7,\"rank\":1,\"reference_label\":0}"))
        #expect(table.description.split(separator: "\n").count == 7)
    }

    @Test func perClassIndexAgreesWithOneIndexOverAllClasses() throws {
        let features = randomTensor([300, 4], seed: 8)
        let labels = (0..<300).map { ($0 * 7) % 3 }
        let queries = randomTensor([40, 4], seed: 9)
        let perClass = try PerClassIndex(features, labels: labels).matches(queries, k: 5)
        let single = try NearestNeighbourIndex(features).search(queries, k: 1)
        for q in 0..<40 {
            let best = perClass[q].min { $0.nearestDistance < $1.nearestDistance }!
            #expect(best.nearestRow == single.of(q)[0].index && best.label == labels[single.of(q)[0].index])
            #expect(
                perClass[q].allSatisfy { $0.meanDistance >= $0.nearestDistance && labels[$0.nearestRow] == $0.label })
        }
    }
}
