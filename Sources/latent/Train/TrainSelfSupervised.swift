import ArgumentParser
import Foundation
import LatentCore
import LatentData
import LatentExperiments
import LatentModels

/// `latent train ssl`: train a ResNet encoder without labels (SimCLR or VICReg) on two augmented views of each image,
/// and write its checkpoint and metrics; its `features` layer is what `index build --layer features` searches.
struct TrainSelfSupervised: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ssl", abstract: "Train an encoder without labels (SimCLR or VICReg) for search by image.",
        discussion: "With a built-in dataset it trains on the train split and then reports precision@10 of the "
            + "test split against the train split, by the labels, with the encoder's features and with PCA. "
            + "With --data it trains on every image of the file and measures nothing. Without --augment the views "
            + "are SimCLR's: \(Augmentation.simclr).")

    @Option(help: "Method: \(SelfSupervisedMethod.allCases.map(\.rawValue).joined(separator: ", ")).")
    var method: SelfSupervisedMethod = .simclr

    @Option(help: "Encoder: \(SelfSupervisedArchitecture.allCases.map(\.rawValue).joined(separator: ", ")).")
    var arch: SelfSupervisedArchitecture = .resnet8

    @Option(help: "An imported dataset (from `latent data import`), all of its images, labels unused.")
    var data: String?

    @OptionGroup var builtIn: DatasetOptions

    @Option(parsing: .unconditional, help: "Learn from the first N train images only; retrieval searches them all.")
    var limit: Int?

    @Option(parsing: .unconditional, help: "NT-Xent's temperature (simclr).")
    var temperature: Float = 0.5

    @Option(parsing: .unconditional, help: "Values of the projection the loss compares.")
    var projectionDim = 128

    @OptionGroup var training: TrainingArguments

    func validate() throws {
        if let data {
            try OptionChecks.requireReadableFile(data, "--data")
            if case .imported = builtIn.dataset {
                throw ValidationError("give the imported file once: --data or --dataset")
            }
        }
        if let limit { try OptionChecks.require(limit, in: 2...OptionChecks.largestCount, "--limit") }
        try OptionChecks.requirePositive(temperature, "--temperature")
        try OptionChecks.require(projectionDim, in: 1...OptionChecks.largestSize, "--projection-dim")
        try OptionChecks.refusing { () throws(LatentError) in
            try settings.check(names: .commandLine(TrainingSettings.names))
        }
    }

    /// The settings these flags ask for.
    var settings: SelfSupervisedSettings {
        var settings = SelfSupervisedSettings()
        (settings.method, settings.architecture, settings.training) = (method, arch, training.settings)
        (settings.temperature, settings.projectionDimension) = (temperature, projectionDim)
        return settings
    }

    func run() throws {
        let resumed = try training.resumedCheckpoint(of: .selfSupervised, for: "train ssl")
        let (database, test) = try loadImages()
        let train = limit.map { $0 < database.count ? database.selecting(Array(0..<$0)) : database } ?? database
        do {
            _ = try settings.architecture.spec(
                channels: train.channels, height: train.height, width: train.width,
                projectionDimension: settings.projectionDimension)
        } catch let error as LatentError {
            throw LatentError("--arch \(arch.rawValue): \(error)")
        }
        var pipeline = SelfSupervisedPipeline(
            settings, trainCount: train.count, training: training.options(resuming: resumed, trainCount: train.count))
        pipeline.metadata = ["dataset": data ?? builtIn.dataset.rawValue]
        let result = try pipeline.run(train: train, test: test, database: database, output: training.out, log: log)
        if let retrieval = result.retrieval {
            print("retrieval of the \(test?.count ?? 0) test images against the \(database.count) train images:")
            print(retrieval.table)
        }
        print(
            "trained \(String(format: "%.0f", result.trainingSeconds)) s; checkpoint \(training.out)/model.h5 "
                + "(its layer \(SelfSupervisedPipeline.featuresLayer) holds the features), metrics "
                + "\(training.out)/metrics.jsonl")
    }

    /// Every image of a `--data` file and no test split, or a dataset's train split and, when it has several
    /// classes, its test split to measure retrieval on.
    private func loadImages() throws -> (train: ImageDataset, test: ImageDataset?) {
        if let data { return (try ImportedDataset(contentsOf: data).imageDataset(), nil) }
        let (train, test) = try builtIn.loadSplits()
        return (train, train.classNames.count > 1 ? test : nil)
    }
}

extension SelfSupervisedMethod: ExpressibleByArgument {}
extension SelfSupervisedArchitecture: ExpressibleByArgument {}
