import LatentModels
import LatentPictures

/// Protocol P6, swept over the labels per new class: where does transfer pay?
enum TransferStudy {
    static func run(_ context: ExperimentContext) throws -> ExperimentReport {
        var experiment = TransferExperiment()
        experiment.seed = context.experiment.seed
        experiment.pretrainEpochs = context.training.epochs
        experiment.headEpochs = 50
        context.log("pretraining the CNN on classes 0-4 for \(experiment.pretrainEpochs) epochs")
        let pretrained = try experiment.pretrain(context.train)
        let sweep = context.experiment.evaluation?.labelsPerClass ?? [100]
        var all: [TransferExperiment.Results] = []
        for perClass in sweep {
            context.log("\(perClass) labels per new class")
            all.append(try experiment.run(pretrained: pretrained, train: context.train, test: context.test, perClass: perClass))
        }
        let routes: [(String, KeyPath<TransferExperiment.Results, Double>, String)] = [
            ("cut B: frozen to the 128-unit layer, new head", \.frozenHead, "frozen_head"),
            ("cut A: frozen convolutions, new head", \.frozenConvolutions, "frozen_conv"),
            ("fine-tune the last two layers", \.fineTuneLastTwo, "finetune_last_two"),
            ("CNN from scratch", \.scratch, "scratch"),
            ("logistic regression on pixels", \.logisticOnPixels, "logistic"),
            ("1-NN on frozen 128-d features", \.oneNearestNeighbourOnFeatures, "one_nn_features"),
            ("1-NN on pixels", \.oneNearestNeighbourOnPixels, "one_nn_pixels"),
        ]
        let evaluated = context.test.labels.count { experiment.newClasses.contains($0) }
        let newClasses = experiment.newClasses.map { context.test.classNames[$0] }.joined(separator: ", ")
        var report = ExperimentReport()
        var table = ["| route | " + sweep.map { "\($0) per class" }.joined(separator: " | ") + " |",
                     "| --- |" + String(repeating: " ---: |", count: sweep.count)]
        for (name, keyPath, key) in routes {
            table.append("| \(name) | " + all.map { figure($0[keyPath: keyPath]) }.joined(separator: " | ") + " |")
            for results in all { report.figures.append(("\(key)_\(results.perClass)", results[keyPath: keyPath])) }
        }
        var chart = SVGChart(title: "Test accuracy on the 5 new classes", xLabel: "labelled images per new class", yLabel: "accuracy")
        chart.series = routes.map { name, keyPath, _ in
            SVGChart.Series(name: String(name.prefix(22)), points: all.map { (Double($0.perClass), $0[keyPath: keyPath]) })
        }
        try chart.save(to: context.path("accuracy-vs-labels.svg"))
        report.sections.append(.init(
            title: "Test accuracy on the \(evaluated) test images of the new classes (\(newClasses))",
            body: table.joined(separator: "\n") + "\n\nPretrained for \(experiment.pretrainEpochs) epochs on classes 0-4; "
                + "every head or network trained \(experiment.headEpochs) epochs on the labelled images (Adam 1e-3, batch 32).",
            pictures: sweep.count > 1 ? [("accuracy-vs-labels.svg", "Accuracy against labelled images per new class")] : []))
        for results in all {
            let best = routes.max { results[keyPath: $0.1] < results[keyPath: $1.1] }!
            report.reading.append("With \(results.perClass) labels per class the best route is \(best.0) (\(figure(results[keyPath: best.1], 3))); "
                + "cut A \(figure(results.frozenConvolutions, 3)) against cut B \(figure(results.frozenHead, 3)): "
                + (results.frozenConvolutions > results.frozenHead
                    ? "the late cut transfers worse, as the course warns (its 128 units are specific to clothes)."
                    : "here the late cut transfers at least as well.")
                + " Fine-tuning \(results.fineTuneLastTwo > results.scratch ? "beats" : "does not beat") training from scratch "
                + "(\(figure(results.fineTuneLastTwo, 3)) against \(figure(results.scratch, 3))).")
        }
        return report
    }
}
