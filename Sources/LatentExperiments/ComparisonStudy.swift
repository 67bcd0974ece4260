import LatentCore
import LatentModels

/// PCA against autoencoders at several code sizes (`ComparisonPipeline`), written up as a table and a reading.
///
/// With several seeds every autoencoder is trained once per seed (PCA, being exact, once), and each autoencoder's
/// figures are a mean and a standard deviation over the seeds.
enum ComparisonStudy {
    static func run(_ context: ExperimentContext) throws -> ExperimentReport {
        let model = context.experiment.model ?? Experiment.Model()
        let architectures = try (model.archs ?? ["dense", "conv"]).map { name -> AutoencoderArchitecture in
            guard let architecture = AutoencoderArchitecture(rawValue: name) else {
                throw LatentError(
                    "model.archs: unknown autoencoder \(name) (known: \(AutoencoderArchitecture.allCases.map(\.rawValue).joined(separator: ", ")))"
                )
            }
            return architecture
        }
        let seeds = context.experiment.seeds
        var runs: [ComparisonPipeline.Result] = []
        for seed in seeds {
            if seeds.count > 1 { context.log("seed \(seed)") }
            var pipeline = ComparisonPipeline(
                codeSizes: model.codes ?? [16, 32, 64], architectures: architectures,
                training: context.options(seed: seed))
            pipeline.learningRate = context.training.learningRate
            runs.append(try pipeline.run(train: context.train, test: context.test, log: context.log))
        }

        var report = ExperimentReport()
        var table =
            seeds.count > 1
            ? [
                "| method | code | test MSE | precision@10 | mAP@100 | fit/train s |",
                "| --- | ---: | ---: | ---: | ---: | ---: |",
            ]
            : []
        for (index, (pca, _)) in runs[0].sizes.enumerated() {
            let size = pca.codeSize
            report.figures += [
                ("pca_\(size)_test_mse", pca.testMSE), ("pca_\(size)_precision_at_10", pca.figures.precisionAt10),
                ("pca_\(size)_map_at_100", pca.figures.meanAveragePrecisionAt100),
            ]
            table.append(
                "| PCA | \(size) | \(figure(pca.testMSE, 5)) | \(figure(pca.figures.precisionAt10, 3)) | "
                    + "\(figure(pca.figures.meanAveragePrecisionAt100, 3)) | \(figure(pca.fitSeconds, 2)) |")
            for (column, architecture) in architectures.enumerated() {
                let rows = runs.map { $0.sizes[index].autoencoders[column] }
                let mse = Spread(values: rows.map(\.testMSE))
                let precision = Spread(values: rows.map(\.figures.precisionAt10))
                let map = Spread(values: rows.map(\.figures.meanAveragePrecisionAt100))
                let seconds = Spread(values: rows.map(\.fitSeconds))
                let key = "\(architecture.rawValue)_\(size)"
                report.figures += [
                    ("\(key)_test_mse", mse.mean), ("\(key)_precision_at_10", precision.mean),
                    ("\(key)_map_at_100", map.mean), ("\(key)_training_seconds", seconds.mean),
                ]
                if seeds.count > 1 {
                    report.figures += [
                        ("\(key)_test_mse_sd", mse.standardDeviation),
                        ("\(key)_precision_at_10_sd", precision.standardDeviation),
                        ("\(key)_map_at_100_sd", map.standardDeviation),
                    ]
                }
                table.append(
                    "| \(rows[0].method) | \(size) | \(mse.text(5)) | \(precision.text(3)) | \(map.text(3)) | \(seconds.text(1)) |"
                )
                report.reading.append(
                    sentence(rows[0].method, size: size, mse: mse, precision: precision, against: pca))
            }
        }
        let seedWords =
            seeds.count > 1
            ? " Autoencoders: mean ± standard deviation over seeds \(seeds.map(String.init).joined(separator: ", ")) (PCA is exact, one fit)."
            : ""
        report.sections.append(
            .init(
                title: "PCA and autoencoders at the same code sizes",
                body: (seeds.count > 1 ? table.joined(separator: "\n") : runs[0].table)
                    + "\n\nTest MSE over the \(context.test.count) test images; retrieval of the test codes among the \(context.train.count) train codes (L2)."
                    + seedWords))
        return report
    }

    private static func sentence(
        _ method: String, size: Int, mse: Spread, precision: Spread, against pca: CodeComparison
    ) -> String {
        let reconstruction =
            mse.isWithinSpread(of: Spread(values: [pca.testMSE]))
            ? "reconstructs about as well as PCA (MSE \(change(mse.mean, from: pca.testMSE)), within the spread over seeds)"
            : mse.mean < pca.testMSE
                ? "reconstructs better than PCA (MSE \(change(mse.mean, from: pca.testMSE)))"
                : "does not beat PCA at reconstruction (MSE \(change(mse.mean, from: pca.testMSE)))"
        return "Code \(size), \(method): \(reconstruction). "
            + retrievalSentence(precision, against: pca.figures.precisionAt10)
    }
}
