import LatentCore
import LatentModels
import LatentNN

/// PCA against autoencoders at several code sizes, in one table.
enum ComparisonStudy {
    static func run(_ context: ExperimentContext) throws -> ExperimentReport {
        let model = context.experiment.model ?? Experiment.Model()
        let sizes = model.codes ?? [16, 32, 64]
        let architectures = try (model.archs ?? ["dense", "conv"]).map { name -> AutoencoderArchitecture in
            guard let architecture = AutoencoderArchitecture(rawValue: name) else {
                throw ExperimentError("model.archs: unknown autoencoder \(name) (known: \(AutoencoderArchitecture.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            return architecture
        }
        let (train, test) = (context.train, context.test)
        var rows: [CodeComparison] = []
        var report = ExperimentReport()
        for size in sizes {
            context.log("PCA-\(size)")
            let pca = try CodeComparison.pca(codeSize: size, train: train, test: test)
            rows.append(pca)
            report.figures += [("pca_\(size)_test_mse", pca.testMSE), ("pca_\(size)_precision_at_10", pca.figures.precisionAt10),
                               ("pca_\(size)_map_at_100", pca.figures.meanAveragePrecisionAt100)]
            for architecture in architectures {
                context.log("\(architecture.rawValue) autoencoder, code \(size)")
                var generator = SeededGenerator(seed: context.experiment.seed)
                let autoencoder = try Autoencoder(try architecture.spec(codeSize: size, channels: train.channels,
                                                                                 height: train.height, width: train.width)
                    .build(using: &generator))
                let reports = try autoencoder.fit(train, options: context.options(), optimizer: Adam(learningRate: context.training.learningRate))
                let row = try CodeComparison.autoencoder(autoencoder, name: "\(architecture.rawValue) AE",
                                                         trainingSeconds: reports.map(\.seconds).reduce(0, +), train: train, test: test)
                rows.append(row)
                let key = "\(architecture.rawValue)_\(size)"
                report.figures += [("\(key)_test_mse", row.testMSE), ("\(key)_precision_at_10", row.figures.precisionAt10),
                                   ("\(key)_map_at_100", row.figures.meanAveragePrecisionAt100), ("\(key)_training_seconds", row.fitSeconds)]
                report.reading.append(sentence(row, against: pca))
            }
        }
        report.sections.append(.init(title: "PCA and autoencoders at the same code sizes", body: CodeComparison.table(rows)
            + "\n\nTest MSE over the \(test.count) test images; retrieval of the test codes among the \(train.count) train codes (L2)."))
        return report
    }

    private static func sentence(_ row: CodeComparison, against pca: CodeComparison) -> String {
        let reconstruction = row.testMSE < pca.testMSE
            ? "reconstructs better than PCA (MSE \(change(row.testMSE, from: pca.testMSE)))"
            : "does not beat PCA at reconstruction (MSE \(change(row.testMSE, from: pca.testMSE)))"
        return "Code \(row.codeSize), \(row.method): \(reconstruction). " + retrievalSentence(row.figures.precisionAt10, against: pca.figures.precisionAt10)
    }
}
