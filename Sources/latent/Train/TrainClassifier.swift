import ArgumentParser
import Foundation
import LatentCore
import LatentData
import LatentExperiments
import LatentModels

/// `latent train classifier`: logistic regression, an MLP, the P5 CNN or a ResNet on a dataset's 10 classes.
///
/// Its flags are the classifier job's settings (`ClassifierSettings`), the same a classifier experiment file's keys
/// give; the pipeline runs them.
struct TrainClassifier: ParsableCommand, DistributedCommand {
    static let configuration = CommandConfiguration(
        commandName: "classifier", abstract: "Train a classifier and report its test accuracy.")

    @Option(help: "Architecture: \(ClassifierArchitecture.allCases.map(\.rawValue).joined(separator: ", ")).")
    var arch: ClassifierArchitecture = .mlp

    @OptionGroup var data: DatasetOptions
    @OptionGroup var training: TrainingArguments
    @OptionGroup var mpi: MPIOptions

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
        try settings.checkArchitecture(for: train, source: data.source, names: ClassifierSettings.commandLineNames)
        var options = training.options(resuming: resumed, trainCount: train.count)
        try training.distribute(&options, in: mpi.job, train: train, test: test)
        var pipeline = ClassifierPipeline(
            settings, trainCount: train.count,
            training: options)
        pipeline.metadata = ["dataset": data.dataset.rawValue]
        // Under mpirun, rank 0 alone writes and reports; the other processes only train beside it.
        if let job = options.job, !job.isRoot { return try pipeline.trainAlongside(train: train, test: test) }
        let result = try pipeline.run(train: train, test: test, output: training.out, log: log)
        print(result.confusion)
        print(
            "test accuracy \(String(format: "%.4f", result.accuracy)) (\(arch.rawValue), \(training.epochs) epochs); "
                + "checkpoint \(training.out)/model.h5")
    }
}

extension ClassifierArchitecture: ExpressibleByArgument {}
