import LatentCore
import LatentData
import LatentModels

/// One autoencoder beside PCA at the same code size (`AutoencoderPipeline`), written up as numbers, pictures and a reading.
enum AutoencoderStudy {
    static func run(_ context: ExperimentContext) throws -> ExperimentReport {
        let model = context.experiment.model ?? Experiment.Model()
        let archName = model.arch ?? "dense", code = model.code ?? 32
        guard let architecture = AutoencoderArchitecture(rawValue: archName) else {
            throw LatentError("model.arch: unknown autoencoder \(archName) (known: \(AutoencoderArchitecture.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        var pipeline = AutoencoderPipeline(architecture: architecture, codeSize: code, training: context.options())
        pipeline.learningRate = context.training.learningRate
        pipeline.corruption = try model.denoise.map { try Corruption(parsing: $0) }
        pipeline.sparsityWeight = model.sparsity ?? 0
        pipeline.queries = (context.experiment.evaluation?.queries ?? [0]).map { .init(index: $0) }
        pipeline.neighbours = context.experiment.evaluation?.neighbours ?? 5
        let result = try pipeline.run(train: context.train, test: context.test, output: context.output, log: context.log)
        return report(result, code: code, train: context.train, test: context.test)
    }

    private static func report(_ result: AutoencoderPipeline.Result, code: Int, train: ImageDataset,
                               test: ImageDataset) -> ExperimentReport {
        let (aeRow, pcaRow) = (result.trained, result.pca)
        let pixels = Double(train.pixelsPerImage)
        var report = ExperimentReport()
        report.figures = [
            ("code_size", Double(code)), ("epochs", Double(result.reports.count)), ("training_seconds", aeRow.fitSeconds),
            ("ae_test_mse", aeRow.testMSE), ("ae_squared_error_per_image", aeRow.testMSE * pixels),
            ("pca_test_mse", pcaRow.testMSE), ("pca_squared_error_per_image", pcaRow.testMSE * pixels),
            ("ae_precision_at_10", aeRow.figures.precisionAt10), ("pca_precision_at_10", pcaRow.figures.precisionAt10),
            ("ae_map_at_100", aeRow.figures.meanAveragePrecisionAt100), ("pca_map_at_100", pcaRow.figures.meanAveragePrecisionAt100),
            ("ae_one_nn_accuracy", aeRow.figures.oneNearestNeighbourAccuracy), ("pca_one_nn_accuracy", pcaRow.figures.oneNearestNeighbourAccuracy),
        ]
        report.sections.append(.init(title: "Reconstruction and retrieval on the \(test.count) test images", body: result.table
            + "\n\nSquared error per image (sum over the \(Int(pixels)) pixels): autoencoder \(figure(aeRow.testMSE * pixels, 2)), "
            + "PCA-\(code) \(figure(pcaRow.testMSE * pixels, 2)). Retrieval database: the \(train.count) train images' codes."))
        report.sections.append(.init(title: "Pictures", body: "", pictures: result.pictures))

        let mseChange = change(aeRow.testMSE, from: pcaRow.testMSE)
        report.reading.append(aeRow.testMSE < pcaRow.testMSE
            ? "The autoencoder reconstructs better than PCA at the same code size: test MSE \(figure(aeRow.testMSE, 5)) against \(figure(pcaRow.testMSE, 5)) (\(mseChange))."
            : "The autoencoder does not beat PCA at reconstruction here: test MSE \(figure(aeRow.testMSE, 5)) against PCA's \(figure(pcaRow.testMSE, 5)) (\(mseChange)); more epochs or a larger model may close the gap.")
        report.reading.append(retrievalSentence(aeRow.figures.precisionAt10, against: pcaRow.figures.precisionAt10))
        return report
    }
}
