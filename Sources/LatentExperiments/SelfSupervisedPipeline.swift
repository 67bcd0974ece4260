import Foundation
import LatentCore
import LatentData
import LatentLinalg
import LatentModels
import LatentNN
import LatentRetrieval

/// "Build an encoder from the seed, train it without labels, measure its features' retrieval against PCA's", in one
/// place: `latent train ssl` runs it.
///
/// It writes into its output folder `model.h5` (after every epoch) and `metrics.jsonl`. The checkpoint is an ordinary
/// one of kind `self-supervised`, so `latent index build --model model.h5 --layer features` searches its features.
public struct SelfSupervisedPipeline {
    public let settings: SelfSupervisedSettings
    /// The settings' epochs, batches, seed and schedule, with the caller's progress and resumed checkpoint; the
    /// pipeline puts the checkpoint and the metrics log in its output folder.
    public let training: TrainingOptions
    /// Recorded in the checkpoint beside the settings (the dataset, for one).
    public var metadata: [String: String] = [:]

    /// The layer whose activations are the encoder's features.
    public static let featuresLayer = "features"

    /// The pipeline of a self-supervised job's `settings` on `trainCount` train images (the learning-rate schedule
    /// counts their batches).
    /// - Parameters:
    ///   - settings: the job's settings.
    ///   - trainCount: the number of train images.
    ///   - training: the caller's progress and resumed checkpoint; the settings give the rest.
    public init(
        _ settings: SelfSupervisedSettings, trainCount: Int, training: TrainingOptions = TrainingOptions(epochs: 1)
    ) {
        let options = settings.training.applied(to: training, trainCount: trainCount)
        self.settings = settings
        self.training = options
    }

    /// Builds the encoder, trains it on `train`'s images writing into `output`, and, given a labelled `test` split,
    /// measures retrieval of `test` against `database` with its features and with PCA at as many components.
    /// - Parameters:
    ///   - train: the images it learns from (labels unused).
    ///   - test: the retrieval queries, whose labels against the database's decide what is relevant; `nil` measures
    ///     nothing.
    ///   - database: what the queries search, and PCA's training data; `train` when `nil`.
    ///   - output: the folder for `model.h5` and `metrics.jsonl`.
    ///   - log: where progress lines go.
    public func run(
        train: ImageDataset, test: ImageDataset?, database: ImageDataset? = nil, output: String,
        log: (String) -> Void
    ) throws -> Result {
        let model = try settings.build(for: train)
        log(try model.summary(inputShape: [train.pixelsPerImage]))
        log(
            "training a \(settings.architecture.rawValue) encoder with \(settings.method.rawValue) for "
                + "\(training.epochs) epochs on \(train.count) images, views \(settings.augmentation)")
        let hold = try FolderLock(creating: output)
        defer { withExtendedLifetime(hold) {} }
        var options = training
        options.checkpointPath = (output as NSString).appendingPathComponent("model.h5")
        options.metricsLog = (output as NSString).appendingPathComponent("metrics.jsonl")
        let reports = try SelfSupervisedTraining.train(
            model, on: train, settings: settings, options: options, metadata: metadata)
        let retrieval = try test.map { try Self.retrieval(of: model, train: database ?? train, test: $0) }
        return Result(model: model, reports: reports, retrieval: retrieval)
    }

    /// Retrieval of `test` against `train` with the encoder's features and with PCA fitted on `train` at as many
    /// components (capped by what `train` allows), each under both distances.
    /// - Parameters:
    ///   - model: a trained encoder with a `features` layer.
    ///   - train: the database, and PCA's training data.
    ///   - test: the queries.
    public static func retrieval(of model: any Layer, train: ImageDataset, test: ImageDataset) throws -> Retrieval {
        let database = try DeepFeatures.extract(model, at: featuresLayer, from: train.images)
        let queries = try DeepFeatures.extract(model, at: featuresLayer, from: test.images)
        let components = min(database.shape[1], train.count, train.pixelsPerImage)
        let pca = try PCA.fit(train.images, components: components)
        let (pcaDatabase, pcaQueries) = (try pca.transform(train.images), try pca.transform(test.images))
        var figures: [Retrieval.Row] = []
        let codeSpaces = [("features", database, queries), ("PCA-\(components)", pcaDatabase, pcaQueries)]
        for metric in DistanceMetric.allCases {
            for (codes, database, queries) in codeSpaces {
                figures.append(
                    Retrieval.Row(
                        codes: codes, metric: metric,
                        figures: try RetrievalFigures(
                            database: database, databaseLabels: train.labels, queries: queries,
                            queryLabels: test.labels, metric: metric)))
            }
        }
        return Retrieval(rows: figures)
    }
}
