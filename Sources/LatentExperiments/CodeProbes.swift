import LatentCore
import LatentData
import LatentModels
import LatentNN
import LatentRetrieval

/// How much of the labels an autoencoder's codes hold, read two ways: the vote of each test code's nearest train
/// codes, and a logistic regression fitted on the train codes (a linear probe).
struct CodeProbes {
    /// The train codes that vote on each test code's label.
    static let neighbours = 5
    /// The probe's Adam updates (rounded up to whole passes over the train codes), its batch and learning rate. A count
    /// of updates rather than of passes, so that a few hundred codes fit as well as sixty thousand.
    static let probeUpdates = 2_000, probeBatchSize = 128, probeLearningRate: Float = 0.01

    /// The passes over `count` train codes that make `probeUpdates` updates.
    static func probeEpochs(count: Int) -> Int {
        let batches = (count + probeBatchSize - 1) / probeBatchSize
        return (probeUpdates + batches - 1) / batches
    }

    /// The share of test codes whose `neighbours` nearest train codes (squared L2) vote for their label.
    let neighbourAccuracy: Double
    /// The share of test codes the logistic regression labels right.
    let probeAccuracy: Double

    /// Measures both on `codes`, (N, D) for each split, labelled as `train` and `test` are; `seed` draws the
    /// probe's weights and batches.
    init(codes: (train: Tensor, test: Tensor), train: ImageDataset, test: ImageDataset, seed: UInt64) throws {
        let index = try NearestNeighbourIndex(codes.train)
        let voted = NearestNeighbourClassifier.predict(
            try index.search(codes.test, k: min(Self.neighbours, train.count)), databaseLabels: train.labels)
        neighbourAccuracy = Double(zip(voted, test.labels).count { $0 == $1 }) / Double(test.count)

        // Standardised with the train codes' statistics: codes of one model can be a hundred times another's in
        // scale, and the probe's one learning rate should suit them all.
        let mean = codes.train.mean(axes: [0], keepingDimensions: true)
        let centred = codes.train - mean
        let spread = (centred * centred).mean(axes: [0], keepingDimensions: true).sqrt() + 1e-6
        let width = codes.train.shape[1]
        func dataset(_ codes: Tensor, labelledAs split: ImageDataset) -> ImageDataset {
            ImageDataset(
                name: "\(split.name) codes", images: codes, labels: split.labels, height: 1, width: width,
                classNames: split.classNames)
        }
        var generator = SeededGenerator(seed: seed)
        let probe = try LayerSpec.linear(inputs: width, outputs: train.classNames.count).build(using: &generator)
        probeAccuracy =
            try ClassifierTraining.fit(
                probe, train: dataset(centred / spread, labelledAs: train),
                test: dataset((codes.test - mean) / spread, labelledAs: test),
                options: TrainingOptions(
                    epochs: Self.probeEpochs(count: train.count), batchSize: Self.probeBatchSize, seed: seed),
                learningRate: Self.probeLearningRate) ?? 0
    }
}
