import ArgumentParser
import Foundation
import LatentCore
import LatentData
import LatentModels
import LatentNN
import LatentRetrieval

/// `latent transfer`: a trained network cut at a layer, a new head for new categories, few labels.
struct Transfer: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Retrain the last layers of a trained network for new categories from a few labelled images.")

    @Option(help: "The pretrained model checkpoint.")
    var from: String

    @Option(help: "The last layer kept (e.g. features or hidden); a new head goes on top of it.")
    var cut: String

    @Option(help: "The new categories, comma-separated class numbers of the dataset.")
    var classes: String

    @Option(parsing: .unconditional, help: "Labelled train images per new class.")
    var perClass = 100

    @Option(help: "Kept layers to fine-tune instead of freezing, comma-separated (e.g. hidden).")
    var fineTune = ""

    @OptionGroup var data: DatasetOptions
    @OptionGroup var training: TrainingArguments

    func validate() throws {
        try OptionChecks.requireReadableFile(from, "--from")
        guard !cut.isEmpty else { throw ValidationError("--cut needs a layer name (see `latent inspect \(from)`)") }
        let newClasses = try OptionChecks.integers(
            classes, "--classes", in: 0...OptionChecks.largestSize, distinct: true)
        guard newClasses.count >= 2 else {
            throw ValidationError("--classes needs at least two classes, got \(classes)")
        }
        try OptionChecks.require(perClass, in: 1...OptionChecks.largestCount, "--per-class")
    }

    func run() throws {
        let resumed = try training.resumedCheckpoint(of: .transferHead, for: "transfer")
        let (train, test) = try data.loadSplits()
        let newClasses = try OptionChecks.integers(
            classes, "--classes", in: 0...(train.classNames.count - 1), distinct: true)
        let pretrained = try TrainedModel.load(
            from, "--from", as: [.classifier, .transferHead], for: "transfer",
            channels: train.channels, height: train.height, width: train.width)
        let layers = pretrained.children.map(\.name)
        guard let cutIndex = layers.firstIndex(of: cut), cutIndex < layers.count - 1 else {
            throw ValidationError(
                "--cut \(cut): cut at one of \(layers.dropLast().joined(separator: ", ")) "
                    + "(the layers of \(from) below its output layer \(layers.last ?? ""))")
        }
        let fineTuned = OptionChecks.names(fineTune)
        if let unknown = fineTuned.first(where: { !layers[...cutIndex].contains($0) }) {
            throw ValidationError(
                "--fine-tune \(unknown) is not a kept layer; kept: \(layers[...cutIndex].joined(separator: ", "))")
        }
        let mapping = Dictionary(uniqueKeysWithValues: newClasses.enumerated().map { ($1, $0) })
        let labelled = try train.filtered(classes: newClasses).sampled(perClass: perClass, seed: training.seed)
            .relabeled(mapping)
        let evaluation = try test.filtered(classes: newClasses).relabeled(mapping)
        var generator = SeededGenerator(seed: training.seed)
        let model = try TransferModel.build(
            from: pretrained, cut: cut, newClasses: newClasses.count, inputShape: [train.pixelsPerImage],
            fineTune: fineTuned, using: &generator)
        log(try model.summary(inputShape: [train.pixelsPerImage]))
        let hold = try FolderLock(creating: training.out)
        defer { withExtendedLifetime(hold) {} }
        try ClassifierTraining.train(
            model, on: labelled,
            options: training.options(resuming: resumed, trainCount: labelled.count),
            optimizer: training.settings.optimizer(),
            metadata: training.settings.metadata.merging([
                "task": "transfer", "from": from, "cut": cut, "classes": classes,
                "per_class": String(perClass), "dataset": data.dataset.rawValue,
                "input_shape": train.shapeDescription,
            ]) { $1 }, augmentation: training.settings.augmentation)
        let predicted = Classification.predict(model, images: evaluation.images).map(\.label)
        let confusion = try ConfusionMatrix(
            trueLabels: evaluation.labels, predicted: predicted, classNames: evaluation.classNames)
        print(confusion)
        print("checkpoint \(training.out)/model.h5")
    }
}
