import LatentCore
import LatentModels
import LatentNN
import LatentPictures
import LatentRetrieval

/// Nearest images per category with deep features: one index per category, as a shop asking for
/// "more shoes like this one" would use them.
enum PerCategoryStudy {
    static func run(_ context: ExperimentContext) throws -> ExperimentReport {
        let (train, test) = (context.train, context.test)
        var generator = SeededGenerator(seed: context.experiment.seed)
        let cnn = try ClassifierArchitecture.cnn.spec(
            channels: train.channels, height: train.height, width: train.width,
            classes: train.classNames.count
        )
        .build(using: &generator)
        context.log("training the CNN for \(context.training.epochs) epochs")
        let accuracy =
            try ClassifierTraining.fit(
                cnn, train: train, test: test, options: context.options(),
                learningRate: context.training.learningRate) ?? 0
        let features = (
            try DeepFeatures.extract(cnn, at: "hidden", from: train.images),
            try DeepFeatures.extract(cnn, at: "hidden", from: test.images)
        )
        let perClass = try PerClassIndex(features.0, labels: train.labels)
        let k = context.experiment.evaluation?.neighbours ?? 5
        let matches = try perClass.matches(features.1, k: k)
        var report = ExperimentReport()
        report.figures = [("cnn_test_accuracy", accuracy)]

        // The first test image: its nearest image in each category.
        let query = context.experiment.evaluation?.queries?.first ?? 0
        var first = [
            "| category | nearest train image | distance | mean distance to the \(k) nearest |",
            "| --- | ---: | ---: | ---: |",
        ]
        for match in matches[query] {
            first.append(
                "| \(train.classNames[match.label]) | \(match.nearestRow) | \(figure(Double(match.nearestDistance), 2)) | \(figure(Double(match.meanDistance), 2)) |"
            )
        }
        var grid = ImageGrid(imageWidth: test.width, imageHeight: test.height, channels: test.channels)
        grid.rows = [
            (
                "QUERY",
                [
                    ImageGrid.Tile(
                        pixels: test.images.rows(query..<(query + 1)).scalars,
                        caption: [test.classNames[test.labels[query]]])
                ]
            ),
            (
                "NEAREST",
                matches[query].map { match in
                    ImageGrid.Tile(
                        pixels: train.images.rows(match.nearestRow..<(match.nearestRow + 1)).scalars,
                        caption: [train.classNames[match.label], String(format: "D %.3g", match.nearestDistance)])
                }
            ),
        ]
        try grid.render().savePNG(to: context.path("nearest-per-category.png"))
        report.sections.append(
            .init(
                title:
                    "Test image \(query) (\(test.classNames[test.labels[query]])): its nearest train image in each category",
                body: first.joined(separator: "\n"),
                pictures: [
                    (
                        "nearest-per-category.png",
                        "The query and the nearest train image of each category (deep features, L2)"
                    )
                ]))

        // For each test class: mean distance to the nearest train image of each class, and 1-NN accuracy from it.
        let classes = train.classNames.count
        var sums = [[Double]](repeating: [Double](repeating: 0, count: classes), count: classes)
        var counts = [Int](repeating: 0, count: classes)
        var correct = [Int](repeating: 0, count: classes)
        for (q, label) in test.labels.enumerated() {
            counts[label] += 1
            for match in matches[q] { sums[label][match.label] += Double(match.nearestDistance) }
            if matches[q].min(by: { $0.nearestDistance < $1.nearestDistance })?.label == label { correct[label] += 1 }
        }
        var table = [
            "| test class | " + (0..<classes).map { train.classNames[$0] }.joined(separator: " | ")
                + " | 1-NN accuracy |",
            "| --- |" + String(repeating: " ---: |", count: classes + 1),
        ]
        for label in 0..<classes {
            let row = (0..<classes).map { column -> String in
                let value = figure(sums[label][column] / Double(max(counts[label], 1)), 2)
                return column == label ? "**\(value)**" : value
            }
            let classAccuracy = Double(correct[label]) / Double(max(counts[label], 1))
            table.append(
                "| \(test.classNames[label]) | " + row.joined(separator: " | ") + " | \(figure(classAccuracy, 3)) |")
            report.figures.append(("one_nn_accuracy_\(label)", classAccuracy))
        }
        let perCategoryAccuracy = Double(correct.reduce(0, +)) / Double(test.count)
        let single = try NearestNeighbourIndex(features.0).search(features.1, k: 1)
        let singleAccuracy = try RetrievalMetrics(single, queryLabels: test.labels, databaseLabels: train.labels)
            .oneNearestNeighbourAccuracy
        report.figures += [
            ("one_nn_accuracy_per_category_indexes", perCategoryAccuracy),
            ("one_nn_accuracy_single_index", singleAccuracy),
        ]
        report.sections.append(
            .init(
                title: "Mean distance from each test class to the nearest train image of each class",
                body: table.joined(separator: "\n")
                    + "\n\nRows: test images of a class; columns: the category searched. "
                    + "1-NN accuracy per class: the nearest category is the image's own."))
        let hardest = (0..<classes).min { correct[$0] * counts[$1] < correct[$1] * counts[$0] }!
        report.reading = [
            "The CNN reaches \(figure(accuracy, 4)) test accuracy; on its 128-d features, 1-NN accuracy is \(figure(perCategoryAccuracy, 4)) from the per-category indexes and \(figure(singleAccuracy, 4)) from one index over all classes\(perCategoryAccuracy == singleAccuracy ? " (the same, as it must be)" : "").",
            "The hardest class to retrieve is \(test.classNames[hardest]) (1-NN accuracy \(figure(Double(correct[hardest]) / Double(max(counts[hardest], 1)), 3))).",
        ]
        return report
    }
}
