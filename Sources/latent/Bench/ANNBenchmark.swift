import ArgumentParser
import Foundation
import LatentCore
import LatentLinalg
import LatentRetrieval

/// `latent bench ann`: exact search against an HNSW graph over Fashion-MNIST's PCA-64 codes, the train codes
/// repeated with small jitter up to `--size` rows, queried with the test codes. One JSON line for exact search and
/// one per search breadth: build seconds, queries/s in one batch, p50 and p99 of single queries, recall@10.
struct ANNBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ann", abstract: "Exact search against an HNSW graph (hnswlib): build, queries/s, recall@10.")

    @OptionGroup var options: ProtocolOptions

    @Option(parsing: .unconditional, help: "Database rows: the train codes, then jittered copies of them.")
    var size = 100_000

    @Option(help: "Jitter of each copy: normal noise of this fraction of the codes' root mean square.")
    var jitter: Float = 0.05

    @Option(help: "Distance: cosine or l2.")
    var metric: DistanceMetric = .cosine

    @Option(name: .customLong("ann-m"), parsing: .unconditional, help: "Links per node.")
    var m = 16

    @Option(name: .customLong("ann-ef-construction"), parsing: .unconditional, help: "Build breadth.")
    var efConstruction = 200

    @Option(name: .customLong("ann-ef"), help: "Search breadths to measure, comma-separated.")
    var efs = "16,32,64,128,256"

    @Option(parsing: .unconditional, help: "Single queries timed one at a time (p50 and p99 are reported).")
    var singles = 1_000

    @Option(help: "Also write the vectors here (database.f32, queries.f32) for bench/peers/faiss_hnsw.py.")
    var vectors: String?

    func validate() throws {
        try OptionChecks.require(size, in: 11...OptionChecks.largestCount, "--size")
        try OptionChecks.requireNonNegative(jitter, "--jitter")
        try OptionChecks.require(m, in: HNSWGraph.Parameters.mRange, "--ann-m")
        try OptionChecks.require(efConstruction, in: HNSWGraph.Parameters.efRange, "--ann-ef-construction")
        _ = try OptionChecks.integers(efs, "--ann-ef", in: HNSWGraph.Parameters.efRange)
        try OptionChecks.require(singles, in: 1...OptionChecks.largestCount, "--singles")
    }

    func run() throws {
        let (train, test) = try options.load()
        let pca = try PCA.fit(train.images, components: 64)
        let database = jittered(try pca.transform(train.images), rows: options.quick ? min(size, 20_000) : size)
        let queries = try pca.transform(test.images)
        let (rows, queryCount) = (database.shape[0], queries.shape[0])
        if let vectors {
            try FileManager.default.createDirectory(atPath: vectors, withIntermediateDirectories: true)
            for (name, matrix) in [("database", database), ("queries", queries)] {
                try AtomicFile.write(
                    matrix.withUnsafeBufferPointer { Data(buffer: $0) }, to: vectors + "/\(name).f32")
            }
        }
        let common =
            options.commonFields("ann") + [
                ("rows", rows), ("dimension", 64), ("metric", metric.rawValue), ("queries", queryCount), ("k", 10),
                ("jitter", Double(jitter)),
            ]
        log("exact search over \(rows) codes, \(queryCount) test codes as queries")
        var exact: NearestNeighbourIndex?
        let exactBuild = try secondsTaken { exact = try NearestNeighbourIndex(database, metric: metric) }
        var truth: Neighbours?
        let exactBatch = try medianSeconds(repetitions: options.repetitions) {
            truth = try exact!.search(queries, k: 10)
        }
        let exactSingles = try singleQueries(queries) { _ = try exact!.search($0, k: 10) }
        report(
            "exact", common + [("build_seconds", exactBuild)], batch: exactBatch, queries: queryCount,
            singles: exactSingles, recall: 1)

        log("building an HNSW graph (m \(m), ef-construction \(efConstruction)) over \(rows) codes")
        var graph: HNSWGraph?
        let parameters = HNSWGraph.Parameters(m: m, efConstruction: efConstruction)
        let graphBuild = try secondsTaken { graph = try HNSWGraph(database, metric: metric, parameters: parameters) }
        let graphBytes = try graph!.serialized().count
        for ef in try OptionChecks.integers(efs, "--ann-ef", in: HNSWGraph.Parameters.efRange) {
            var found: Neighbours?
            let batch = try medianSeconds(repetitions: options.repetitions) {
                found = try graph!.search(queries, k: 10, ef: ef)
            }
            let singles = try singleQueries(queries) { _ = try graph!.search($0, k: 10, ef: ef) }
            report(
                "hnsw ef \(ef)",
                common + [
                    ("m", m), ("ef_construction", efConstruction), ("ef", ef), ("build_seconds", graphBuild),
                    ("graph_bytes", graphBytes),
                ], batch: batch, queries: queryCount, singles: singles, recall: recall(found!, truth!))
        }
    }

    /// The train codes, then copies of them (from the first row on) with normal noise, `rows` in all.
    private func jittered(_ codes: Tensor, rows: Int) -> Tensor {
        guard rows > codes.shape[0] else { return codes.rows(0..<rows) }
        var values = codes.scalars
        let original = values.count
        let rms = (values.reduce(0) { $0 + Double($1 * $1) } / Double(original)).squareRoot()
        var generator = SeededGenerator(seed: options.seed)
        let noise = Tensor.normal(
            [(rows - codes.shape[0]) * codes.shape[1]], standardDeviation: jitter * Float(rms), using: &generator
        ).scalars
        values.reserveCapacity(original + noise.count)
        for i in 0..<noise.count { values.append(values[i % original] + noise[i]) }
        return Tensor(shape: [rows, codes.shape[1]], scalars: values)
    }

    /// Milliseconds of each of the first `singles` queries alone: the median and the 99th percentile.
    private func singleQueries(_ queries: Tensor, _ search: (Tensor) throws -> Void) throws -> (Double, Double) {
        let count = min(singles, queries.shape[0])
        try search(queries.rows(0..<1))
        let times = try (0..<count).map { row in
            let query = queries.rows(row..<(row + 1))
            return try secondsTaken { try search(query) } * 1000
        }.sorted()
        return (times[count / 2], times[min(count - 1, count * 99 / 100)])
    }

    /// The mean fraction of each query's exact 10 nearest that `found` holds.
    private func recall(_ found: Neighbours, _ truth: Neighbours) -> Double {
        var hits = 0
        for query in 0..<truth.queryCount {
            let expected = Set(truth.indices[(query * truth.k)..<((query + 1) * truth.k)])
            hits += found.indices[(query * found.k)..<((query + 1) * found.k)].filter(expected.contains).count
        }
        return Double(hits) / Double(truth.indices.count)
    }

    private func report(
        _ name: String, _ fields: [(String, Any)], batch: Double, queries: Int, singles: (Double, Double),
        recall: Double
    ) {
        log(
            "\(name): \(String(format: "%.0f", Double(queries) / batch)) queries/s in one batch, single query p50 "
                + "\(String(format: "%.3f", singles.0)) ms p99 \(String(format: "%.3f", singles.1)) ms, "
                + "recall@10 \(String(format: "%.4f", recall))")
        printJSONLine(
            fields + [
                ("search", name), ("batch_seconds", batch), ("queries_per_second", Double(queries) / batch),
                ("single_ms_p50", singles.0), ("single_ms_p99", singles.1), ("recall_at_10", recall),
            ])
    }
}
