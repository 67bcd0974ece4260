import LatentData
import LatentModels

extension ZooStudy {
    /// One dataset's table, its pictures and a reading of which row leads on each measure, added to `report`.
    static func add(
        _ measured: [Measured], on dataset: KnownDataset, context: ExperimentContext, to report: inout ExperimentReport
    ) {
        let seeds = context.experiment.seeds
        var table = [
            "| model | arch | parameters | test NLL (nats) | test MSE | \(CodeProbes.neighbours)-NN accuracy | "
                + "linear probe accuracy | codebook perplexity | training s |",
            "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        ]
        // Each measure's figures, row by row, in the order the measures are first met.
        var measures: [(name: String, digits: Int, lowerIsBetter: Bool, rows: [(row: String, value: Spread)])] = []
        func record(_ measure: String, _ row: String, _ value: Spread, digits: Int, lowerIsBetter: Bool = false) {
            if let index = measures.firstIndex(where: { $0.name == measure }) {
                measures[index].rows.append((row, value))
            } else {
                measures.append((measure, digits, lowerIsBetter, [(row, value)]))
            }
        }
        for entry in measured {
            let (name, runs) = (entry.row.name, entry.runs)
            let prefix = "\(dataset.rawValue)_\(name)_"
            let mse = Spread(values: runs.map(\.reconstructionError))
            let neighbours = Spread(values: runs.map(\.neighbourAccuracy))
            let probe = Spread(values: runs.map(\.probeAccuracy))
            let seconds = Spread(values: runs.map(\.trainingSeconds))
            let estimates = runs.compactMap(\.negativeLogLikelihood)
            let nll = estimates.count == runs.count && !estimates.isEmpty ? Spread(values: estimates) : nil
            let perplexities = runs.compactMap(\.perplexity)
            let perplexity = perplexities.isEmpty ? nil : Spread(values: perplexities)
            report.figures += [
                (prefix + "test_mse", mse.mean), (prefix + "test_mse_sd", mse.standardDeviation),
                (prefix + "knn_accuracy", neighbours.mean), (prefix + "knn_accuracy_sd", neighbours.standardDeviation),
                (prefix + "probe_accuracy", probe.mean), (prefix + "probe_accuracy_sd", probe.standardDeviation),
                (prefix + "training_seconds", seconds.mean),
            ]
            if let nll {
                report.figures += [
                    (prefix + "test_nll_nats", nll.mean), (prefix + "test_nll_nats_sd", nll.standardDeviation),
                ]
            }
            if let perplexity { report.figures.append((prefix + "codebook_perplexity", perplexity.mean)) }
            table.append(
                "| \(name) | \(entry.settings.architecture.rawValue) | \(runs[0].parameters) | "
                    + "\(nll?.text(2) ?? "-") | \(mse.text(4)) | \(neighbours.text(3)) | \(probe.text(3)) | "
                    + "\(perplexity?.text(1) ?? "-") | \(seconds.text(0)) |")
            if let nll { record("the lowest test NLL", name, nll, digits: 2, lowerIsBetter: true) }
            record("the lowest test MSE", name, mse, digits: 4, lowerIsBetter: true)
            record("the best \(CodeProbes.neighbours)-NN accuracy", name, neighbours, digits: 3)
            record("the best linear-probe accuracy", name, probe, digits: 3)
        }
        report.sections.append(
            .init(
                title: "\(dataset.rawValue): \(measured.count) models",
                body: table.joined(separator: "\n") + "\n\n" + columns(measured, context: context)))
        report.sections.append(
            .init(
                title: "\(dataset.rawValue): pictures (seed \(seeds[0]))", body: "",
                pictures: measured.flatMap { entry in
                    entry.pictures.map { ($0.file, "\(entry.row.name): \($0.caption)") }
                }))
        let sentences = measures.compactMap { measure in
            leadSentence(measure.name, measure.rows, digits: measure.digits, lowerIsBetter: measure.lowerIsBetter)
        }
        if !sentences.isEmpty {
            report.reading.append("On \(dataset.rawValue), " + sentences.joined(separator: "; ") + ".")
        }
    }

    /// "the lowest test MSE is ae's (0.0164 ± 0.0002)", naming the rows whose mean is within the spread over seeds of
    /// the leader's too, since the seeds cannot tell those apart; `nil` without rows.
    private static func leadSentence(
        _ measure: String, _ rows: [(row: String, value: Spread)], digits: Int, lowerIsBetter: Bool
    ) -> String? {
        let ranked = rows.sorted { lowerIsBetter ? $0.value.mean < $1.value.mean : $0.value.mean > $1.value.mean }
        guard let leader = ranked.first else { return nil }
        let tied = ranked.dropFirst().filter { $0.value.isWithinSpread(of: leader.value) }
        let ties = tied.map { "\($0.row)'s \($0.value.text(digits))" }.joined(separator: ", ")
        return "\(measure) is \(leader.row)'s (\(leader.value.text(digits))"
            + (tied.isEmpty ? ")" : "; \(ties) within the spread over seeds)")
    }

    /// What each column of a dataset's table means, with the budget and the seeds it was measured with.
    private static func columns(_ measured: [Measured], context: ExperimentContext) -> String {
        let seeds = context.experiment.seeds
        let (train, test) = (context.train.count, context.test.count)
        let settings = measured.first?.settings ?? AutoencoderSettings()
        let likelihood = measured.map(\.settings.variational).first { $0.likelihoodSamples > 0 }
        let images = min(likelihood?.likelihoodImages ?? test, test)
        var text =
            "Each model: code size \(settings.codeSize), \(settings.training.epochs) epoch"
            + "\(settings.training.epochs == 1 ? "" : "s") over the \(train) train images (batch "
            + "\(settings.training.batchSize), Adam at \(settings.training.learningRate)), seed"
            + "\(seeds.count == 1 ? "" : "s") \(seeds.map(String.init).joined(separator: ", "))"
            + "\(seeds.count > 1 ? "; figures are mean ± standard deviation over the seeds" : "").\n\n"
        text += "- test NLL: negative log-likelihood in nats per image, estimated by importance sampling "
        text +=
            likelihood.map {
                "with \($0.likelihoodSamples) codes per image over the first \(images) of the \(test) test images"
                    + ($0.binarisation == .dynamic ? ", binarised once with a fixed seed" : "")
            } ?? "(not asked for: `evaluation.nll_samples`)"
        text +=
            "; only for a Bernoulli decoder, whose likelihood is normalised (\"-\" for the others). Lower is better.\n"
        text += "- test MSE: mean squared error per pixel over all \(test) test images, as they are (not binarised).\n"
        text += "- \(CodeProbes.neighbours)-NN accuracy: the share of test images whose \(CodeProbes.neighbours) "
        text += "nearest train codes (squared L2, all \(train) train images) vote for their label.\n"
        text += "- linear probe accuracy: a logistic regression trained on the standardised train codes "
        text += "(\(CodeProbes.probeEpochs(count: train)) epochs of batches of \(CodeProbes.probeBatchSize), at least "
        text += "\(CodeProbes.probeUpdates) Adam updates at \(CodeProbes.probeLearningRate)), on the test codes.\n"
        text += "- codebook perplexity: e to the entropy of the codebook entries the test images' codes pick, "
        text += "out of \(AutoencoderArchitecture.codebookEntries) (VQ-VAE only).\n"
        text += "- training s: seconds of training alone, without the measurements."
        return text
    }
}
