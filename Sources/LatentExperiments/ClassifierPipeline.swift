import Foundation
import LatentCore
import LatentData
import LatentModels
import LatentNN
import LatentRetrieval

/// "Build a classifier from the seed, train it, measure it on the test split", in one place: `latent train classifier`
/// and classifier experiments both run it.
///
/// It writes into its output folder `model.h5` (after every epoch) and `metrics.jsonl`.
public struct ClassifierPipeline {
    public let settings: ClassifierSettings
    /// The settings' epochs, batches, seed and schedule, with the caller's progress, resumed checkpoint and job; the
    /// pipeline puts the checkpoint and the metrics log in its output folder.
    public let training: TrainingOptions
    /// Recorded in the checkpoint beside the settings (the dataset, for one).
    public var metadata: [String: String] = [:]

    /// The pipeline of a classifier job's `settings` on `trainCount` train images (the learning-rate schedule counts
    /// their batches).
    public init(_ settings: ClassifierSettings, trainCount: Int, training: TrainingOptions = TrainingOptions(epochs: 1))
    {
        let options = settings.training.applied(to: training, trainCount: trainCount)
        self.settings = settings
        self.training = options
    }

    /// Builds the classifier, trains it on `train` (with `test` as the validation split of its metrics) and measures
    /// it on `test`, writing into `output`.
    public func run(train: ImageDataset, test: ImageDataset, output: String, log: (String) -> Void) throws -> Result {
        let model = try settings.build(for: train)
        log(try model.summary(inputShape: [train.pixelsPerImage]))
        log("training a \(settings.architecture.rawValue) classifier for \(training.epochs) epochs")
        let hold = try FolderLock(creating: output)
        defer { withExtendedLifetime(hold) {} }
        var options = training
        options.checkpointPath = path("model.h5", in: output)
        options.metricsLog = path("metrics.jsonl", in: output)
        let reports = try settings.train(model, on: train, validation: test, options: options, metadata: metadata)
        let predicted = Classification.predict(model, images: test.images).map(\.label)
        let confusion = try ConfusionMatrix(trueLabels: test.labels, predicted: predicted, classNames: test.classNames)
        return Result(model: model, reports: reports, confusion: confusion)
    }

    /// The part of `run` that a process other than rank 0 of a data-parallel job (`training.job`) plays: it trains
    /// beside rank 0, which measures and writes everything.
    public func trainAlongside(train: ImageDataset, test: ImageDataset) throws {
        let model = try settings.build(for: train)
        try settings.train(model, on: train, validation: test, options: training, metadata: metadata)
    }
}
