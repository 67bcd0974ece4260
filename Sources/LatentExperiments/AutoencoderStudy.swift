import LatentCore
import LatentData
import LatentModels

/// One autoencoder beside PCA at the same code size (`AutoencoderPipeline`), written up as numbers, pictures and a reading.
///
/// With several seeds the pipeline runs once per seed (the first into the run folder, which the notebook's pictures
/// come from; the others into `seed-N/` beside it), and the figures are a mean and a standard deviation over them.
enum AutoencoderStudy {
    static func run(_ context: ExperimentContext) throws -> ExperimentReport {
        var settings = try AutoencoderSettings(context.experiment)
        let code = settings.codeSize
        var results: [AutoencoderPipeline.Result] = []
        for seed in context.experiment.seeds {
            settings.training.seed = seed
            var pipeline = AutoencoderPipeline(
                settings, trainCount: context.train.count,
                training: context.options(seed: seed))
            pipeline.metadata = settings.metadata
            let output = results.isEmpty ? context.output : path("seed-\(seed)", in: context.output)
            if context.experiment.seeds.count > 1 { context.log("seed \(seed)") }
            results.append(try pipeline.run(train: context.train, test: context.test, output: output, log: context.log))
        }
        return report(results, seeds: context.experiment.seeds, code: code, train: context.train, test: context.test)
    }

    private static func report(
        _ results: [AutoencoderPipeline.Result], seeds: [UInt64], code: Int, train: ImageDataset,
        test: ImageDataset
    ) -> ExperimentReport {
        let (first, pcaRow) = (results[0], results[0].pca)
        let pixels = Double(train.pixelsPerImage)
        let mse = Spread(values: results.map(\.trained.testMSE))
        let squaredError = Spread(values: mse.values.map { $0 * pixels })
        let precision = Spread(values: results.map(\.trained.figures.precisionAt10))
        let seconds = Spread(values: results.map(\.trained.fitSeconds))
        var report = ExperimentReport()
        report.figures = [
            ("code_size", Double(code)), ("epochs", Double(first.reports.count)), ("seeds", Double(seeds.count)),
            ("training_seconds", seconds.mean), ("training_seconds_sd", seconds.standardDeviation),
            ("ae_test_mse", mse.mean), ("ae_test_mse_sd", mse.standardDeviation),
            ("ae_squared_error_per_image", squaredError.mean),
            ("ae_squared_error_per_image_sd", squaredError.standardDeviation),
            ("pca_test_mse", pcaRow.testMSE), ("pca_squared_error_per_image", pcaRow.testMSE * pixels),
            ("ae_precision_at_10", precision.mean), ("ae_precision_at_10_sd", precision.standardDeviation),
            ("pca_precision_at_10", pcaRow.figures.precisionAt10),
            ("ae_map_at_100", first.trained.figures.meanAveragePrecisionAt100),
            ("pca_map_at_100", pcaRow.figures.meanAveragePrecisionAt100),
            ("ae_one_nn_accuracy", first.trained.figures.oneNearestNeighbourAccuracy),
            ("pca_one_nn_accuracy", pcaRow.figures.oneNearestNeighbourAccuracy),
        ]
        for (seed, result) in zip(seeds, results) where seeds.count > 1 {
            report.figures.append(("ae_squared_error_per_image_seed_\(seed)", result.trained.testMSE * pixels))
        }
        var body = first.table
        if seeds.count > 1 {
            let perSeed: [String] = zip(seeds, squaredError.values).map { seed, value in "\(seed) \(figure(value, 2))" }
            let seedList = seeds.map(String.init).joined(separator: ", ")
            body +=
                "\n\nThe table is seed \(seeds[0])'s run. Over the \(seeds.count) seeds (\(seedList)), mean ± standard deviation: "
            body += "test MSE \(mse.text(5)), precision@10 \(precision.text(3)), training \(seconds.text(0)) s; "
            body += "squared error per image by seed: \(perSeed.joined(separator: ", "))."
        }
        report.sections.append(
            .init(
                title: "Reconstruction and retrieval on the \(test.count) test images",
                body: body
                    + "\n\nSquared error per image (sum over the \(Int(pixels)) pixels): autoencoder \(squaredError.text(2)), "
                    + "PCA-\(code) \(figure(pcaRow.testMSE * pixels, 2)). Retrieval database: the \(train.count) train images' codes."
            ))
        report.sections.append(.init(title: "Pictures", body: "", pictures: first.pictures))

        let mseChange = change(mse.mean, from: pcaRow.testMSE)
        report.reading.append(
            mse.isWithinSpread(of: Spread(values: [pcaRow.testMSE]))
                ? "The autoencoder reconstructs about as well as PCA at the same code size: test MSE \(mse.text(5)) against \(figure(pcaRow.testMSE, 5)) (\(mseChange)), within the spread over seeds."
                : mse.mean < pcaRow.testMSE
                    ? "The autoencoder reconstructs better than PCA at the same code size: test MSE \(mse.text(5)) against \(figure(pcaRow.testMSE, 5)) (\(mseChange))."
                    : "The autoencoder does not beat PCA at reconstruction here: test MSE \(mse.text(5)) against PCA's \(figure(pcaRow.testMSE, 5)) (\(mseChange)); more epochs or a larger model may close the gap."
        )
        report.reading.append(retrievalSentence(precision, against: pcaRow.figures.precisionAt10))
        addLikelihood(of: results, to: &report)
        return report
    }
}
