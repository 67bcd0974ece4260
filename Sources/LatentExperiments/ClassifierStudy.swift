import LatentData
import LatentModels
import LatentNN

/// One classifier trained by `ClassifierPipeline` and measured on the test split, written up as figures, a table per
/// seed, the accuracy of each class and a reading.
///
/// With several seeds the pipeline runs once per seed (the first into the run folder, the others into `seed-N/`
/// beside it), and the figures are a mean and a standard deviation over them.
enum ClassifierStudy {
    static func run(_ context: ExperimentContext) throws -> ExperimentReport {
        var settings = try ClassifierSettings(context.experiment)
        var results: [ClassifierPipeline.Result] = []
        for seed in context.experiment.seeds {
            settings.training.seed = seed
            var pipeline = ClassifierPipeline(
                settings, trainCount: context.train.count, training: context.options(seed: seed))
            pipeline.metadata = ["dataset": context.experiment.dataset?.rawValue ?? ""]
            let output = results.isEmpty ? context.output : path("seed-\(seed)", in: context.output)
            if context.experiment.seeds.count > 1 { context.log("seed \(seed)") }
            results.append(try pipeline.run(train: context.train, test: context.test, output: output, log: context.log))
        }
        return report(results, settings: settings, seeds: context.experiment.seeds, test: context.test)
    }

    private static func report(
        _ results: [ClassifierPipeline.Result], settings: ClassifierSettings, seeds: [UInt64], test: ImageDataset
    ) -> ExperimentReport {
        let first = results[0]
        let arch = settings.architecture.rawValue
        let accuracy = Spread(values: results.map(\.accuracy))
        let seconds = Spread(values: results.map(\.trainingSeconds))
        let parameters = first.model.parameterCount.total
        var report = ExperimentReport()
        report.figures = [
            ("parameters", Double(parameters)), ("epochs", Double(first.reports.count)),
            ("seeds", Double(seeds.count)), ("training_seconds", seconds.mean),
            ("training_seconds_sd", seconds.standardDeviation), ("test_accuracy", accuracy.mean),
            ("test_accuracy_sd", accuracy.standardDeviation),
        ]
        for (seed, result) in zip(seeds, results) where seeds.count > 1 {
            report.figures.append(("test_accuracy_seed_\(seed)", result.accuracy))
        }

        var table = [
            "| seed | test accuracy | train loss | test loss | training s |", "| ---: | ---: | ---: | ---: | ---: |",
        ]
        for (seed, result) in zip(seeds, results) {
            let last = result.reports.last
            let losses = [last?.trainLoss, last?.validationLoss].map { $0.map { figure($0, 4) } ?? "-" }
            table.append(
                "| \(seed) | \(figure(result.accuracy, 4)) | \(losses[0]) | \(losses[1]) | "
                    + "\(figure(result.trainingSeconds, 1)) |")
        }
        let epochs = first.reports.count == 1 ? "1 epoch" : "\(first.reports.count) epochs"
        var body = table.joined(separator: "\n") + "\n\nThe \(arch) classifier: \(parameters) parameters, \(epochs)"
        body +=
            seeds.count > 1 ? "; over the \(seeds.count) seeds, mean ± standard deviation: \(accuracy.text(4))." : "."
        report.sections.append(.init(title: "Test accuracy on the \(test.count) test images", body: body))

        let perClass = first.confusion.perClassAccuracy
        let classRows = perClass.enumerated().map { label, value in
            "| \(label) \(test.classNames[label]) | \(figure(value, 3)) |"
        }
        report.sections.append(
            .init(
                title: "Accuracy per class (seed \(seeds[0]))",
                body: (["| class | accuracy |", "| --- | ---: |"] + classRows).joined(separator: "\n")))

        let overSeeds = seeds.count > 1 ? ", mean ± standard deviation over \(seeds.count) seeds" : ""
        report.reading.append(
            "The \(arch) classifier's test accuracy after \(epochs) is \(accuracy.text(4)) on the \(test.count) "
                + "test images\(overSeeds).")
        // The hardest and easiest classes, when one class alone is each.
        let (lowest, highest) = (perClass.min() ?? 0, perClass.max() ?? 0)
        if lowest < highest, perClass.count(where: { $0 == lowest }) == 1,
            perClass.count(where: { $0 == highest }) == 1,
            let worst = perClass.firstIndex(of: lowest), let best = perClass.firstIndex(of: highest)
        {
            report.reading.append(
                "Its hardest class is \(test.classNames[worst]) (\(figure(lowest, 3))), its easiest "
                    + "\(test.classNames[best]) (\(figure(highest, 3))).")
        }
        return report
    }
}
