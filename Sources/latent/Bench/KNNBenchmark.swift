import ArgumentParser
import LatentCore
import LatentLinalg
import LatentRetrieval

/// `latent bench knn`: protocol P2, one JSON line per (dimension, metric).
struct KNNBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "knn", abstract: "P2: exact 10-NN search of the test set in the train set.")

    @OptionGroup var options: ProtocolOptions

    func run() throws {
        let (train, test) = try options.load()
        let pca = try PCA.fit(train.images, components: 32)
        let spaces = [
            (784, train.images, test.images), (32, try pca.transform(train.images), try pca.transform(test.images)),
        ]
        for (dimension, database, queries) in spaces {
            for metric in DistanceMetric.allCases {
                let index = try NearestNeighbourIndex(database, metric: metric)
                KernelClock.isEnabled = true
                KernelClock.reset()
                let seconds = try medianSeconds(repetitions: options.repetitions) {
                    _ = try index.search(queries, k: 10)
                }
                KernelClock.isEnabled = false
                let runs = Double(options.repetitions + 1)
                let (products, selection) = (KernelClock.total(.sgemm) / runs, KernelClock.total(.selection) / runs)
                let figures = try RetrievalFigures(
                    database: database, databaseLabels: train.labels, queries: queries,
                    queryLabels: test.labels, metric: metric)
                log(
                    "\(dimension)-d \(metric.rawValue): \(String(format: "%.3f", seconds)) s, "
                        + "\(String(format: "%.0f", Double(test.count) / seconds)) queries/s; "
                        + "products \(String(format: "%.0f", 100 * products / seconds))%, selection \(String(format: "%.0f", 100 * selection / seconds))%; "
                        + "P@10 \(String(format: "%.3f", figures.precisionAt10)), 1-NN \(String(format: "%.3f", figures.oneNearestNeighbourAccuracy)), "
                        + "mAP@100 \(String(format: "%.3f", figures.meanAveragePrecisionAt100))")
                printJSONLine(
                    options.commonFields("P2") + [
                        ("dim", dimension), ("metric", metric.rawValue), ("seconds", seconds),
                        ("queries_per_second", Double(test.count) / seconds),
                        ("precision_at_10", figures.precisionAt10),
                        ("one_nn_accuracy", figures.oneNearestNeighbourAccuracy),
                        ("map_at_100", figures.meanAveragePrecisionAt100),
                        ("sgemm_share", products / seconds), ("selection_share", selection / seconds),
                    ])
            }
        }
    }
}
