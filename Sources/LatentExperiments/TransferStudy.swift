import LatentModels
import LatentPictures

/// Protocol P6, swept over the labels per new class: where does transfer pay? With several seeds the whole sweep
/// (pretraining, the labelled sample and every head) runs once per seed, and each figure is a mean and a standard
/// deviation over the seeds.
enum TransferStudy {
    private typealias Route = (name: String, accuracy: KeyPath<TransferExperiment.Results, Double>, key: String)

    private static var routes: [Route] {
        [
            ("cut B: frozen to the 128-unit layer, new head", \.frozenHead, "frozen_head"),
            ("cut A: frozen convolutions, new head", \.frozenConvolutions, "frozen_conv"),
            ("fine-tune the last two layers", \.fineTuneLastTwo, "finetune_last_two"),
            ("CNN from scratch", \.scratch, "scratch"),
            ("logistic regression on pixels", \.logisticOnPixels, "logistic"),
            ("1-NN on frozen 128-d features", \.oneNearestNeighbourOnFeatures, "one_nn_features"),
            ("1-NN on pixels", \.oneNearestNeighbourOnPixels, "one_nn_pixels"),
        ]
    }

    static func run(_ context: ExperimentContext) throws -> ExperimentReport {
        var experiment = TransferExperiment()
        experiment.pretrainEpochs = context.training.epochs
        experiment.headEpochs = 50
        let sweep = context.experiment.evaluation?.labelsPerClass ?? [100]
        let seeds = context.experiment.seeds
        // bySeed[s][p]: the results of seed s with sweep[p] labels per class.
        var bySeed: [[TransferExperiment.Results]] = []
        for seed in seeds {
            experiment.seed = seed
            context.log(
                "\(seeds.count > 1 ? "seed \(seed): " : "")pretraining the CNN on classes 0-4 for \(experiment.pretrainEpochs) epochs"
            )
            let pretrained = try experiment.pretrain(context.train)
            bySeed.append(
                try sweep.map { perClass in
                    context.log("\(perClass) labels per new class")
                    return try experiment.run(
                        pretrained: pretrained, train: context.train, test: context.test, perClass: perClass)
                })
        }
        func spread(_ route: Route, _ sweepIndex: Int) -> Spread {
            Spread(values: bySeed.map { $0[sweepIndex][keyPath: route.accuracy] })
        }

        let evaluated = context.test.labels.count { experiment.newClasses.contains($0) }
        let newClasses = experiment.newClasses.map { context.test.classNames[$0] }.joined(separator: ", ")
        var report = ExperimentReport()
        var table = [
            "| route | " + sweep.map { "\($0) per class" }.joined(separator: " | ") + " |",
            "| --- |" + String(repeating: " ---: |", count: sweep.count),
        ]
        for route in routes {
            table.append(
                "| \(route.name) | " + sweep.indices.map { spread(route, $0).text(3) }.joined(separator: " | ") + " |")
            for (index, perClass) in sweep.enumerated() {
                let accuracy = spread(route, index)
                report.figures.append(("\(route.key)_\(perClass)", accuracy.mean))
                if seeds.count > 1 {
                    report.figures.append(("\(route.key)_\(perClass)_std", accuracy.standardDeviation))
                }
            }
        }
        var chart = SVGChart(
            title: "Test accuracy on the 5 new classes", xLabel: "labelled images per new class", yLabel: "accuracy")
        chart.series = routes.map { route in
            SVGChart.Series(
                name: String(route.name.prefix(22)),
                points: sweep.indices.map { (Double(sweep[$0]), spread(route, $0).mean) })
        }
        try chart.save(to: context.path("accuracy-vs-labels.svg"))
        let seedWords =
            seeds.count > 1
            ? " Mean ± standard deviation over seeds \(seeds.map(String.init).joined(separator: ", ")); each seed pretrains "
                + "its own CNN and draws its own labelled images."
            : ""
        report.sections.append(
            .init(
                title: "Test accuracy on the \(evaluated) test images of the new classes (\(newClasses))",
                body: table.joined(separator: "\n")
                    + "\n\nPretrained for \(experiment.pretrainEpochs) epochs on classes 0-4; "
                    + "every head or network trained \(experiment.headEpochs) epochs on the labelled images (Adam 1e-3, batch 32)."
                    + seedWords,
                pictures: sweep.count > 1
                    ? [("accuracy-vs-labels.svg", "Accuracy against labelled images per new class")] : []))
        for (index, perClass) in sweep.enumerated() {
            report.reading.append(reading(perClass: perClass) { spread($0, index) })
        }
        return report
    }

    /// The best route at one sweep point (naming the runner-up when it is within the spread), and the two questions
    /// P6 asks (which cut, and whether fine-tuning beats training from scratch), each answered "within the spread"
    /// when the gap is smaller than the seeds' spread.
    private static func reading(perClass: Int, _ accuracy: (Route) -> Spread) -> String {
        let ranked = routes.sorted { accuracy($0).mean > accuracy($1).mean }
        let (best, runnerUp) = (ranked[0], ranked[1])
        let (cutA, cutB) = (accuracy(routes[1]), accuracy(routes[0]))
        let (fineTuned, scratch) = (accuracy(routes[2]), accuracy(routes[3]))
        let cuts =
            cutA.isWithinSpread(of: cutB)
            ? "the two cuts are within the spread over seeds."
            : cutA.mean > cutB.mean
                ? "the late cut transfers worse, as the course warns (its 128 units are specific to clothes)."
                : "here the late cut transfers at least as well."
        let fineTuning =
            fineTuned.isWithinSpread(of: scratch)
            ? "is within the spread of"
            : fineTuned.mean > scratch.mean ? "beats" : "does not beat"
        let lead =
            accuracy(best).isWithinSpread(of: accuracy(runnerUp))
            ? ", within the spread of \(runnerUp.name) (\(accuracy(runnerUp).text(3)))" : ""
        return "With \(perClass) labels per class the best route is \(best.name) (\(accuracy(best).text(3)))\(lead); "
            + "cut A \(cutA.text(3)) against cut B \(cutB.text(3)): \(cuts)"
            + " Fine-tuning \(fineTuning) training from scratch (\(fineTuned.text(3)) against \(scratch.text(3)))."
    }
}
