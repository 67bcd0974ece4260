import LatentCore
import LatentData
import LatentModels
import LatentNN
import Testing

/// Training on augmented views: a classifier learns from them and is measured on clean images; an autoencoder
/// rebuilds the clean image from them. Both repeat exactly for a seed.
@Suite struct AugmentedTrainingTests {
    let train = ColourShapes.make(count: 400, seed: 1)
    let test = ColourShapes.make(count: 200, seed: 2)
    let augmentation = Augmentation(steps: [.flip, .jitter(strength: 0.2), .crop(minimumScale: 0.8)])

    func classifier(_ architecture: ClassifierArchitecture) throws -> any Layer {
        var generator = SeededGenerator(seed: 3)
        return try architecture.spec(channels: 3, height: 16, width: 16, classes: 4).build(using: &generator)
    }

    @Test func aClassifierLearnsFromAugmentedImagesAndIsMeasuredOnCleanOnes() throws {
        let model = try classifier(.cnn)
        let options = TrainingOptions(epochs: 4, batchSize: 32, seed: 3)
        let reports = try ClassifierTraining.train(
            model, on: train, validation: test, options: options, optimizer: Adam(learningRate: 3e-3),
            augmentation: augmentation)
        // Chance is 0.25 and colour alone gives 0.5; measured: 0.8 (the MLP stays near 0.6 with or without).
        let accuracy = Classification.accuracy(model, on: test)
        #expect(accuracy > 0.7, "test accuracy \(accuracy)")
        // The last validation loss is the clean images' loss under the final weights.
        let clean = Trainer(model: model, optimizer: Adam(), options: options).evaluateLoss(on: test) {
            Loss.crossEntropy(logits: model($0.images), labels: $0.labels)
        }
        #expect(reports.last?.validationLoss == clean)
    }

    /// The MLP, whose training repeats bit for bit (the CNN's convolution gradients may not: 5e-6 apart after an
    /// epoch, augmented or not).
    @Test func theSameSeedGivesTheSameAugmentedTraining() throws {
        let options = TrainingOptions(epochs: 1, batchSize: 32, seed: 3)
        func trained(_ augmentation: Augmentation?) throws -> [[Float]] {
            let model = try classifier(.mlp)
            try ClassifierTraining.train(model, on: train, options: options, augmentation: augmentation)
            return model.namedParameters.map(\.tensor.scalars)
        }
        let weights = try trained(augmentation)
        #expect(try trained(augmentation) == weights)
        #expect(try trained(nil) != weights)
    }

    @Test func anAutoencoderRebuildsTheCleanImageFromAnAugmentedView() throws {
        var generator = SeededGenerator(seed: 7)
        var autoencoder = try Autoencoder(
            try AutoencoderArchitecture.dense.spec(codeSize: 16, channels: 3, height: 16, width: 16).build(
                using: &generator))
        autoencoder.augmentation = augmentation
        let batch = try #require(Array(MiniBatches(test, batchSize: 200, shuffleSeed: nil)).first)
        // The loss compares the reconstruction of a view with the clean image: the view is not the image.
        var lossGenerator = SeededGenerator(seed: 1)
        let view = augmentation.views(of: batch, using: &lossGenerator)
        var clean = autoencoder
        clean.augmentation = nil
        lossGenerator = SeededGenerator(seed: 1)
        let augmentedLoss = autoencoder.loss(batch, using: &lossGenerator).item
        let expected = Loss.meanSquaredError(autoencoder.model(view), batch.images).item
        #expect(augmentedLoss == expected)
        #expect(augmentedLoss != clean.loss(batch, using: &lossGenerator).item)
        let before = autoencoder.reconstructionError(test.images)
        try autoencoder.fit(train, options: TrainingOptions(epochs: 3, batchSize: 32, seed: 1))
        let after = autoencoder.reconstructionError(test.images)
        // Measured: 0.105 -> 0.037.
        #expect(after < before / 2, "test MSE \(before) -> \(after)")
    }
}
