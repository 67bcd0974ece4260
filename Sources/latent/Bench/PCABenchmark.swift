import ArgumentParser
import LatentCore
import LatentLinalg
import LatentRetrieval

/// `latent bench pca`: protocol P1, one JSON line per code size.
struct PCABenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pca", abstract: "P1: PCA fit, transform, reconstruction and retrieval.")

    @OptionGroup var options: ProtocolOptions

    func run() throws {
        let (train, test) = try options.load()
        for k in [16, 32, 64] {
            var pca: PCA?
            let fitSeconds = try medianSeconds(repetitions: options.repetitions) {
                pca = try PCA.fit(train.images, components: k)
            }
            guard let pca else { return }
            var codes: Tensor?
            let transformSeconds = try medianSeconds(repetitions: options.repetitions) {
                codes = try pca.transform(test.images)
            }
            let mse = try pca.reconstructionError(test.images)
            let figures = try RetrievalFigures(
                database: try pca.transform(train.images), databaseLabels: train.labels,
                queries: codes!, queryLabels: test.labels)
            log(
                "PCA-\(k): fit \(String(format: "%.3f", fitSeconds)) s, transform \(String(format: "%.4f", transformSeconds)) s, "
                    + "test MSE \(String(format: "%.5f", mse)), P@10 \(String(format: "%.3f", figures.precisionAt10))")
            printJSONLine(
                options.commonFields("P1") + [
                    ("k", k), ("fit_seconds", fitSeconds), ("transform_seconds", transformSeconds),
                    ("explained_variance_ratio", Double(pca.explainedVarianceRatio.reduce(0, +))), ("test_mse", mse),
                    ("precision_at_10", figures.precisionAt10),
                    ("one_nn_accuracy", figures.oneNearestNeighbourAccuracy),
                    ("map_at_100", figures.meanAveragePrecisionAt100),
                ])
        }
    }
}
