import ArgumentParser
import Foundation
import LatentCore
import LatentData
import LatentModels
import LatentNN
import LatentRetrieval
import LatentStorage

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

    @Option(help: "Labelled train images per new class.")
    var perClass = 100

    @Option(help: "Kept layers to fine-tune instead of freezing, comma-separated (e.g. hidden).")
    var fineTune = ""

    @OptionGroup var data: DatasetOptions
    @OptionGroup var training: TrainingArguments

    func run() throws {
        let (train, test) = (try data.load(.train), try data.load(.test))
        let newClasses = try classes.split(separator: ",").map { text -> Int in
            guard let label = Int(text), (0..<train.classNames.count).contains(label) else {
                throw ValidationError("--classes: \(text) is not a class of \(data.dataset.rawValue) (0...\(train.classNames.count - 1))")
            }
            return label
        }
        let mapping = Dictionary(uniqueKeysWithValues: newClasses.enumerated().map { ($1, $0) })
        let labelled = try train.filtered(classes: newClasses).sampled(perClass: perClass, seed: training.seed).relabeled(mapping)
        let evaluation = try test.filtered(classes: newClasses).relabeled(mapping)
        let pretrained = try Checkpoint.load(from: from).buildModel()
        var generator = SeededGenerator(seed: training.seed)
        let model = try TransferModel.build(from: pretrained, cut: cut, newClasses: newClasses.count, inputShape: [train.pixelsPerImage],
                                            fineTune: fineTune.split(separator: ",").map(String.init), using: &generator)
        log(try model.summary(inputShape: [train.pixelsPerImage]))
        try FileManager.default.createDirectory(atPath: training.out, withIntermediateDirectories: true)
        let trainer = Trainer(model: model, optimizer: Adam(learningRate: training.learningRate), options: TrainingOptions(
            epochs: training.epochs, batchSize: training.batchSize, seed: training.seed, metricsLog: "\(training.out)/metrics.jsonl",
            checkpointPath: "\(training.out)/model.h5", showsProgress: true))
        trainer.checkpointMetadata = ["task": "transfer", "from": from, "cut": cut, "classes": classes]
        try trainer.fit(labelled) { Loss.crossEntropy(logits: model($0.images), labels: $0.labels) }
        let predicted = Classification.predict(model, images: evaluation.images).map(\.label)
        let confusion = try ConfusionMatrix(trueLabels: evaluation.labels, predicted: predicted, classNames: evaluation.classNames)
        print(confusion)
        print("checkpoint \(training.out)/model.h5")
    }
}
