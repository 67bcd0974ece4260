import LatentCore
import LatentModels

/// PCA against autoencoders at several code sizes (`ComparisonPipeline`), written up as a table and a reading.
enum ComparisonStudy {
    static func run(_ context: ExperimentContext) throws -> ExperimentReport {
        let model = context.experiment.model ?? Experiment.Model()
        let architectures = try (model.archs ?? ["dense", "conv"]).map { name -> AutoencoderArchitecture in
            guard let architecture = AutoencoderArchitecture(rawValue: name) else {
                throw LatentError("model.archs: unknown autoencoder \(name) (known: \(AutoencoderArchitecture.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            return architecture
        }
        var pipeline = ComparisonPipeline(codeSizes: model.codes ?? [16, 32, 64], architectures: architectures,
                                          training: context.options())
        pipeline.learningRate = context.training.learningRate
        let result = try pipeline.run(train: context.train, test: context.test, log: context.log)

        var report = ExperimentReport()
        for (pca, autoencoders) in result.sizes {
            let size = pca.codeSize
            report.figures += [("pca_\(size)_test_mse", pca.testMSE), ("pca_\(size)_precision_at_10", pca.figures.precisionAt10),
                               ("pca_\(size)_map_at_100", pca.figures.meanAveragePrecisionAt100)]
            for (architecture, row) in zip(architectures, autoencoders) {
                let key = "\(architecture.rawValue)_\(size)"
                report.figures += [("\(key)_test_mse", row.testMSE), ("\(key)_precision_at_10", row.figures.precisionAt10),
                                   ("\(key)_map_at_100", row.figures.meanAveragePrecisionAt100), ("\(key)_training_seconds", row.fitSeconds)]
                report.reading.append(sentence(row, against: pca))
            }
        }
        report.sections.append(.init(title: "PCA and autoencoders at the same code sizes", body: result.table
            + "\n\nTest MSE over the \(context.test.count) test images; retrieval of the test codes among the \(context.train.count) train codes (L2)."))
        return report
    }

    private static func sentence(_ row: CodeComparison, against pca: CodeComparison) -> String {
        let reconstruction = row.testMSE < pca.testMSE
            ? "reconstructs better than PCA (MSE \(change(row.testMSE, from: pca.testMSE)))"
            : "does not beat PCA at reconstruction (MSE \(change(row.testMSE, from: pca.testMSE)))"
        return "Code \(row.codeSize), \(row.method): \(reconstruction). " + retrievalSentence(row.figures.precisionAt10, against: pca.figures.precisionAt10)
    }
}
