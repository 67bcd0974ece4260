import Foundation
import LatentCore
import LatentData
import LatentModels

/// Autoencoders side by side: one per row of `rows`, each trained on every dataset of `datasets` with every seed
/// and measured alike (test NLL where the decoder's likelihood is normalised, reconstruction error, what its codes
/// hold for a k-NN vote and a linear probe, codebook perplexity for a VQ-VAE, training time), a table per dataset.
///
/// A row is autoencoder keys over the file's shared `model`, `training` and `evaluation` (`Experiment.ZooRow`). Each
/// run goes to `DATASET/ROW/seed-N/` under the run folder; the first seed's generative pictures are published.
enum ZooStudy {
    /// The autoencoder keys a row may set, with the section each belongs to: every key of `model` but the code size
    /// (one for all rows) and the comparison kind's lists, and `training.binarise`.
    static let rowKeys: [(key: String, section: String, value: ExperimentValue)] = ExperimentSchema.fields.flatMap {
        field -> [(key: String, section: String, value: ExperimentValue)] in
        guard case .section(let keys) = field.value else { return [] }
        return keys.filter { isRowKey("\(field.key).\($0.key)") }.map { ($0.key, field.key, $0.value) }
    }

    /// The keys of one row; the first names it.
    static let rowFields: [(key: String, value: ExperimentValue)] =
        [("name", .plainName)] + rowKeys.map { ($0.key, $0.value) }

    private static func isRowKey(_ keyPath: String) -> Bool {
        keyPath == "training.binarise"
            || (keyPath.hasPrefix("model.") && !["model.code", "model.archs", "model.codes"].contains(keyPath))
    }

    /// The section of the file a row's `key` belongs to; `nil` for the row's name.
    static func section(ofRowKey key: String) -> String? { rowKeys.first { $0.key == key }?.section }

    /// One row trained and measured with one seed.
    struct Run {
        /// `nil` where the decoder has no normalised likelihood, or none was asked for.
        let negativeLogLikelihood: Double?
        let reconstructionError, neighbourAccuracy, probeAccuracy, trainingSeconds: Double
        /// A VQ-VAE's codebook perplexity on the test images; `nil` for the others.
        let perplexity: Double?
        let parameters: Int
    }

    /// A row's runs on one dataset, with the first seed's pictures.
    struct Measured {
        let row: Experiment.ZooRow
        let settings: AutoencoderSettings
        let runs: [Run]
        let pictures: [(file: String, caption: String)]
    }

    /// The autoencoder settings of `row`. The likelihood estimate is kept only for a Bernoulli decoder, whose
    /// likelihood is normalised: the other rows get "-" rather than a figure no paper would set beside it.
    static func settings(_ row: Experiment.ZooRow) throws(LatentError) -> AutoencoderSettings {
        var settings = try AutoencoderSettings(row.experiment)
        if !settings.variational.isBernoulli(settings.architecture) {
            (settings.variational.likelihoodSamples, settings.variational.likelihoodImages) = (0, nil)
        }
        return settings
    }

    /// Refuses a row whose settings do not go together (a commitment weight on a dense autoencoder, ...), naming it.
    static func checkRows(of experiment: Experiment) throws(LatentError) {
        for (position, row) in experiment.zooRows.enumerated() {
            do {
                try settings(row).check(names: .experimentFile)
            } catch {
                throw LatentError("rows[\(position)] (\(row.name)): \(error)")
            }
        }
    }

    /// Refuses a row that the data rules out (a code size beyond the pixels, an architecture that cannot take the
    /// images), naming it and `source`.
    static func checkRows(
        of experiment: Experiment, train: ImageDataset, test: ImageDataset, source: String
    ) throws(LatentError) {
        for (position, row) in experiment.zooRows.enumerated() {
            do {
                let settings = try settings(row)
                try settings.check(train: train, test: test, source: source, names: .experimentFile)
                try settings.checkArchitecture(for: train, source: source, names: .experimentFile)
            } catch {
                throw LatentError("rows[\(position)] (\(row.name)): \(error)")
            }
        }
    }

    /// Runs every row on every dataset of `contexts` (each context's output is the run folder).
    static func run(_ contexts: [(dataset: KnownDataset, context: ExperimentContext)]) throws -> ExperimentReport {
        var report = ExperimentReport()
        for (dataset, context) in contexts {
            var measured: [Measured] = []
            for row in context.experiment.zooRows {
                var settings = try settings(row)
                var runs: [Run] = []
                var pictures: [(file: String, caption: String)] = []
                for seed in context.experiment.seeds {
                    settings.training.seed = seed
                    context.log("\(dataset.rawValue), \(row.name): seed \(seed)")
                    let folder = "\(dataset.rawValue)/\(row.name)/seed-\(seed)"
                    let (run, drawn) = try measure(
                        settings, context: context, folder: folder,
                        picturePrefix: runs.isEmpty ? "\(dataset.rawValue)-\(row.name)-" : nil)
                    runs.append(run)
                    pictures += drawn
                }
                measured.append(Measured(row: row, settings: settings, runs: runs, pictures: pictures))
            }
            add(measured, on: dataset, context: context, to: &report)
        }
        return report
    }

    /// Trains the autoencoder of `settings` into `folder` under the run folder (a regularised one with its code
    /// density, as `AutoencoderPipeline.run` fits it) and measures it; with a
    /// `picturePrefix`, draws its generative pictures there too and copies them to the run folder under that prefix,
    /// for the notebook.
    private static func measure(
        _ settings: AutoencoderSettings, context: ExperimentContext, folder: String, picturePrefix: String?
    ) throws -> (Run, [(file: String, caption: String)]) {
        let output = context.path(folder)
        var pipeline = AutoencoderPipeline(
            settings, trainCount: context.train.count, training: context.options(seed: settings.training.seed))
        pipeline.metadata = settings.metadata
        let hold = try FolderLock(creating: output)
        defer { withExtendedLifetime(hold) {} }
        var (autoencoder, reports) = try pipeline.trainAutoencoder(
            context.train, validation: nil, output: output, log: context.log)
        let (train, test) = (context.train, context.test)
        let codes = CodeComparison.Codes(autoencoder, train: train, test: test)
        try pipeline.fitCodeDensity(&autoencoder, trainCodes: codes.train, output: output, log: context.log)
        let probes = try CodeProbes(
            codes: (codes.train, codes.test), train: train, test: test, seed: settings.training.seed)
        let run = Run(
            negativeLogLikelihood: try pipeline.estimateLikelihood(
                autoencoder, test: pipeline.measuredSplit(test), log: context.log),
            reconstructionError: autoencoder.reconstructionError(test.images),
            neighbourAccuracy: probes.neighbourAccuracy, probeAccuracy: probes.probeAccuracy,
            trainingSeconds: reports.map(\.seconds).reduce(0, +),
            perplexity: autoencoder.codebookUsage(of: test.images)?.perplexity,
            parameters: autoencoder.model.parameterCount.total)
        guard let picturePrefix else { return (run, []) }
        var pictures: [(file: String, caption: String)] = []
        for (file, caption) in try pipeline.drawGenerativePictures(
            autoencoder, testCodes: codes.test, test: test, output: output)
        {
            let published = picturePrefix + file
            try AtomicFile.write(
                try Data(contentsOf: URL(fileURLWithPath: path(file, in: output))), to: context.path(published))
            pictures.append((published, caption))
        }
        return (run, pictures)
    }
}
