import Foundation
import LatentCore
import LatentModels

/// Variational autoencoders, one per row of `rows`, measured by their test negative log-likelihood (importance
/// sampling with `evaluation.nll_samples` codes per image) in one table beside published figures.
///
/// Every row trains from the file's `model` and `training` keys with its own codes per image and epochs, into
/// `ROW/seed-N/` under the run folder; with several seeds a row's figures are a mean and a standard deviation.
enum LikelihoodStudy {
    /// The keys of one row; the first names it.
    static let rowFields: [(key: String, value: ExperimentValue)] = [
        ("name", .plainName), ("importance_samples", .wholeNumber(1...10_000)), ("epochs", .wholeNumber(1...10_000)),
        ("reference_nats", .number(allowsZero: false)),
    ]

    /// One row trained and measured with one seed.
    private struct Run {
        let negativeLogLikelihood, trainingSeconds, samplesPerSecond, likelihoodSeconds: Double
    }

    /// The autoencoder settings of `row`: the file's, with the row's codes per image and epochs.
    static func settings(
        _ row: Experiment.LikelihoodRow, of experiment: Experiment
    ) throws(LatentError) -> AutoencoderSettings {
        var settings = try AutoencoderSettings(experiment)
        settings.variational.objective.importanceSamples = row.importanceSamples ?? 1
        settings.training.epochs = row.epochs ?? settings.training.epochs
        return settings
    }

    /// Refuses a row whose settings do not go together (importance samples with a Gaussian decoder, ...), naming it.
    static func checkRows(of experiment: Experiment) throws(LatentError) {
        for (position, row) in (experiment.rows ?? []).enumerated() {
            do {
                try settings(row, of: experiment).check(names: .experimentFile)
            } catch {
                throw LatentError("rows[\(position)] (\(row.name)): \(error)")
            }
        }
    }

    static func run(_ context: ExperimentContext) throws -> ExperimentReport {
        let experiment = context.experiment
        var measured: [(row: Experiment.LikelihoodRow, settings: AutoencoderSettings, runs: [Run])] = []
        for row in experiment.rows ?? [] {
            var settings = try settings(row, of: experiment)
            var runs: [Run] = []
            for seed in experiment.seeds {
                settings.training.seed = seed
                context.log("\(row.name): seed \(seed)")
                runs.append(try measure(settings, context: context, output: context.path("\(row.name)/seed-\(seed)")))
            }
            measured.append((row, settings, runs))
        }
        return report(measured, context: context)
    }

    /// Trains the autoencoder of `settings` into `output` (no validation pass: the estimate after training is the
    /// measurement) and estimates its test negative log-likelihood.
    private static func measure(
        _ settings: AutoencoderSettings, context: ExperimentContext, output: String
    ) throws -> Run {
        var pipeline = AutoencoderPipeline(
            settings, trainCount: context.train.count, training: context.options(seed: settings.training.seed))
        pipeline.metadata = settings.metadata
        let hold = try FolderLock(creating: output)
        defer { withExtendedLifetime(hold) {} }
        let (autoencoder, reports) = try pipeline.trainAutoencoder(
            context.train, validation: nil, output: output, log: context.log)
        let start = Date()
        let nll = try pipeline.estimateLikelihood(
            autoencoder, test: pipeline.measuredSplit(context.test), log: context.log)
        let seconds = reports.map(\.seconds).reduce(0, +)
        return Run(
            negativeLogLikelihood: nll ?? .nan, trainingSeconds: seconds,
            samplesPerSecond: Double(context.train.count * reports.count) / seconds,
            likelihoodSeconds: Date().timeIntervalSince(start))
    }

    private static func report(
        _ measured: [(row: Experiment.LikelihoodRow, settings: AutoencoderSettings, runs: [Run])],
        context: ExperimentContext
    ) -> ExperimentReport {
        var report = ExperimentReport()
        var table = [
            "| model | codes per image (k) | epochs | test NLL (nats) | published (nats) | gap (nats) | training s | train samples/s | NLL s |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        ]
        for (row, settings, runs) in measured {
            let nll = Spread(values: runs.map(\.negativeLogLikelihood))
            let seconds = Spread(values: runs.map(\.trainingSeconds))
            let rate = Spread(values: runs.map(\.samplesPerSecond))
            let likelihoodSeconds = Spread(values: runs.map(\.likelihoodSeconds))
            let (k, epochs) = (settings.variational.objective.importanceSamples, settings.training.epochs)
            report.figures += [
                ("\(row.name)_test_nll_nats", nll.mean), ("\(row.name)_test_nll_nats_sd", nll.standardDeviation),
                ("\(row.name)_training_seconds", seconds.mean), ("\(row.name)_samples_per_second", rate.mean),
                ("\(row.name)_epochs", Double(epochs)),
            ]
            let gap = row.referenceNats.map { nll.mean - $0 }
            table.append(
                "| \(row.name) | \(k) | \(epochs) | \(nll.text(2)) | \(row.referenceNats.map { figure($0, 2) } ?? "-") | "
                    + "\(gap.map { String(format: "%+.2f", $0) } ?? "-") | \(seconds.text(0)) | \(rate.text(0)) | "
                    + "\(likelihoodSeconds.text(0)) |")
            if let reference = row.referenceNats, let gap {
                report.reading.append(
                    "\(row.name) (k = \(k), \(epochs) epoch\(epochs == 1 ? "" : "s")): \(nll.text(2)) nats, "
                        + (gap <= 0
                            ? "at or below the published \(figure(reference, 2)) (\(String(format: "%+.2f", gap)) nats)."
                            : "\(figure(gap, 2)) nats above the published \(figure(reference, 2)): short of it."))
            }
        }
        let variational = measured.first?.settings.variational ?? AutoencoderSettings.Variational()
        let images = min(variational.likelihoodImages ?? context.test.count, context.test.count)
        let seeds = context.experiment.seeds.map(String.init).joined(separator: ", ")
        report.sections.append(
            .init(
                title: "Test negative log-likelihood",
                body: table.joined(separator: "\n")
                    + "\n\nThe NLL is estimated by importance sampling with \(variational.likelihoodSamples) codes per "
                    + "image over the first \(images) of the \(context.test.count) test images"
                    + (variational.binarisation == .dynamic ? ", binarised once with a fixed seed" : "")
                    + "; lower is better. Training reads the \(context.train.count) train images; samples/s counts "
                    + "train images per second of training. Seed\(context.experiment.seeds.count == 1 ? "" : "s") "
                    + "\(seeds)\(context.experiment.seeds.count > 1 ? ": mean ± standard deviation" : "")."))
        return report
    }
}
