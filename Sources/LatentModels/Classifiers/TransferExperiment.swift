import LatentCore
import LatentData
import LatentNN
import LatentRetrieval

/// Protocol P6: pretrain the CNN on old categories, then learn new ones from a few labels, by
/// several routes, so that "where to cut" can be answered with figures.
public struct TransferExperiment {
    public var oldClasses = [0, 1, 2, 3, 4]
    public var newClasses = [5, 6, 7, 8, 9]
    public var pretrainEpochs = 5
    public var headEpochs = 50
    public var seed: UInt64 = 0
    public var showsProgress = false

    /// Test accuracy on the new categories for each route.
    public struct Results: Sendable {
        public var perClass = 0
        /// Cut B: everything up to the 128-unit layer frozen, a new Linear(128 -> N) head.
        public var frozenHead = 0.0
        /// Cut A: the convolution blocks frozen, a new Linear(3136 -> N) head.
        public var frozenConvolutions = 0.0
        /// The 128-unit layer fine-tuned from its pretrained weights, with a new head.
        public var fineTuneLastTwo = 0.0
        public var scratch = 0.0
        public var logisticOnPixels = 0.0
        /// 1-NN with the labelled images as the database, on the frozen 128-d features.
        public var oneNearestNeighbourOnFeatures = 0.0
        public var oneNearestNeighbourOnPixels = 0.0
    }

    public init() {}

    /// The CNN with a head for the old categories, trained on all their train images.
    public func pretrain(_ train: ImageDataset) throws -> any Layer {
        let old = try train.filtered(classes: oldClasses).relabeled(mapping(oldClasses))
        var generator = SeededGenerator(seed: seed)
        let model = try ClassifierArchitecture.cnn.spec(
            channels: train.channels, height: train.height, width: train.width,
            classes: oldClasses.count
        )
        .build(using: &generator)
        try ClassifierTraining.fit(
            model, train: old,
            options: TrainingOptions(
                epochs: pretrainEpochs, batchSize: 128, seed: seed,
                showsProgress: showsProgress))
        return model
    }

    /// Every route, with `perClass` labelled train images of each new category.
    public func run(pretrained: any Layer, train: ImageDataset, test: ImageDataset, perClass: Int) throws -> Results {
        let labelled = try train.filtered(classes: newClasses).sampled(perClass: perClass, seed: seed).relabeled(
            mapping(newClasses))
        let evaluation = try test.filtered(classes: newClasses).relabeled(mapping(newClasses))
        let options = TrainingOptions(epochs: headEpochs, batchSize: 32, seed: seed &+ 1, showsProgress: showsProgress)
        let inputShape = [train.pixelsPerImage]
        var generator = SeededGenerator(seed: seed &+ 2)
        var results = Results()
        results.perClass = perClass

        func transfer(cut: String, fineTune: [String] = []) throws -> Double {
            let model = try TransferModel.build(
                from: pretrained, cut: cut, newClasses: newClasses.count, inputShape: inputShape,
                fineTune: fineTune, using: &generator)
            return try ClassifierTraining.fit(model, train: labelled, test: evaluation, options: options) ?? 0
        }
        results.frozenHead = try transfer(cut: "hidden")
        results.frozenConvolutions = try transfer(cut: "features")
        results.fineTuneLastTwo = try transfer(cut: "hidden", fineTune: ["hidden"])

        for (architecture, keyPath) in [
            (ClassifierArchitecture.cnn, \Results.scratch), (.logistic, \Results.logisticOnPixels),
        ] {
            let model = try architecture.spec(
                channels: train.channels, height: train.height, width: train.width,
                classes: newClasses.count
            ).build(using: &generator)
            results[keyPath: keyPath] =
                try ClassifierTraining.fit(model, train: labelled, test: evaluation, options: options) ?? 0
        }

        let features = (
            try DeepFeatures.extract(pretrained, at: "hidden", from: labelled.images),
            try DeepFeatures.extract(pretrained, at: "hidden", from: evaluation.images)
        )
        results.oneNearestNeighbourOnFeatures = try oneNearestNeighbour(
            features.0, labelled.labels, features.1, evaluation.labels)
        results.oneNearestNeighbourOnPixels = try oneNearestNeighbour(
            labelled.images, labelled.labels, evaluation.images, evaluation.labels)
        return results
    }

    private func oneNearestNeighbour(
        _ database: Tensor, _ databaseLabels: [Int], _ queries: Tensor, _ queryLabels: [Int]
    ) throws -> Double {
        let neighbours = try NearestNeighbourIndex(database).search(queries, k: 1)
        return try RetrievalMetrics(neighbours, queryLabels: queryLabels, databaseLabels: databaseLabels)
            .oneNearestNeighbourAccuracy
    }

    private func mapping(_ classes: [Int]) -> [Int: Int] {
        Dictionary(uniqueKeysWithValues: classes.enumerated().map { ($1, $0) })
    }
}
