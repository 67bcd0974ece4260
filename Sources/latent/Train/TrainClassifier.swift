import ArgumentParser
import Foundation
import LatentCore
import LatentData
import LatentModels
import LatentNN
import LatentRetrieval

/// `latent train classifier`: logistic regression, an MLP or the P5 CNN on a dataset's 10 classes.
struct TrainClassifier: ParsableCommand, DistributedCommand {
    static let configuration = CommandConfiguration(
        commandName: "classifier", abstract: "Train a classifier and report its test accuracy.")

    @Option(help: "Architecture: \(ClassifierArchitecture.allCases.map(\.rawValue).joined(separator: ", ")).")
    var arch: ClassifierArchitecture = .mlp

    @OptionGroup var data: DatasetOptions
    @OptionGroup var training: TrainingArguments

    /// The settings these flags ask for.
    var settings: ClassifierSettings {
        var settings = ClassifierSettings()
        (settings.architecture, settings.training) = (arch, training.settings)
        return settings
    }

    func run() throws {
        let resumed = try training.resumedCheckpoint(of: .classifier, for: "train classifier")
        let (train, test) = try data.loadSplits()
        try training.requireShares(of: train)
        let settings = self.settings
        let model = try settings.build(for: train)
        // Under mpirun, rank 0 alone writes and reports; the other processes only train beside it.
        let isRoot = DistributedRun.job?.isRoot ?? true
        if isRoot {
            log(try model.summary(inputShape: [train.pixelsPerImage]))
            try FileManager.default.createDirectory(atPath: training.out, withIntermediateDirectories: true)
        }
        try settings.train(
            model, on: train, validation: test,
            options: training.options(resuming: resumed, trainCount: train.count),
            metadata: ["dataset": data.dataset.rawValue])
        guard isRoot else { return }
        let predicted = Classification.predict(model, images: test.images).map(\.label)
        let confusion = try ConfusionMatrix(trueLabels: test.labels, predicted: predicted, classNames: test.classNames)
        print(confusion)
        let accuracy = confusion.accuracy
        print(
            "test accuracy \(String(format: "%.4f", accuracy)) (\(arch.rawValue), \(training.epochs) epochs); checkpoint \(training.out)/model.h5"
        )
    }
}

extension ClassifierArchitecture: ExpressibleByArgument {}
