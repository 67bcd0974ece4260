extension AutoencoderStudy {
    /// The test negative log-likelihood over the seeds, as a figure and a sentence, when the runs estimated it.
    static func addLikelihood(of results: [AutoencoderPipeline.Result], to report: inout ExperimentReport) {
        let estimates = results.compactMap(\.negativeLogLikelihood)
        guard estimates.count == results.count, !estimates.isEmpty else { return }
        let nll = Spread(values: estimates)
        report.figures += [("test_nll_nats", nll.mean), ("test_nll_nats_sd", nll.standardDeviation)]
        report.reading.append(
            "Test negative log-likelihood by importance sampling: \(nll.text(2)) nats per image "
                + "(over \(estimates.count) seed\(estimates.count == 1 ? "" : "s")).")
    }
}
