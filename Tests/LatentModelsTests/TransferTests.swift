import LatentCore
import LatentData
import LatentModels
import LatentNN
import LatentTestSupport
import Testing

@Suite(.enabled(if: TestData.hasFashionMNIST, "needs Debian's dataset-fashion-mnist"))
struct TransferTests {
    /// A small CNN-shaped network (same layer names as the P5 CNN) trained briefly on classes 0-4.
    func pretrained() throws -> (model: any Layer, train: ImageDataset, test: ImageDataset) {
        let data = try #require(TestData.fashionMNIST)
        var generator = SeededGenerator(seed: 5)
        let model = try LayerSpec.named(layers: [
            NamedLayerSpec(
                "features",
                .sequential(layers: [
                    .reshape(shape: [1, 28, 28]),
                    .conv2d(inChannels: 1, outChannels: 4, kernel: 3, stride: 2, padding: 1), .relu,
                    .flatten,
                ])),
            NamedLayerSpec("hidden", .sequential(layers: [.linear(inputs: 4 * 14 * 14, outputs: 32), .relu])),
            NamedLayerSpec("head", .linear(inputs: 32, outputs: 5)),
        ]).build(using: &generator)
        let old = try data.train.filtered(classes: [0, 1, 2, 3, 4]).sampled(perClass: 200, seed: 1)
        try ClassifierTraining.fit(model, train: old, options: TrainingOptions(epochs: 2, batchSize: 32, seed: 1))
        return (model, data.train, data.test)
    }

    @Test func fineTuningChangesOnlyTheUnfrozenLayersAndLearnsTheNewClasses() throws {
        let (pretrained, train, test) = try pretrained()
        let pretrainedValues = pretrained.stateTensors.map(\.tensor.scalars)
        var generator = SeededGenerator(seed: 6)
        let model = try TransferModel.build(
            from: pretrained, cut: "hidden", newClasses: 5, inputShape: [784],
            fineTune: ["hidden"], using: &generator)
        let mapping = [5: 0, 6: 1, 7: 2, 8: 3, 9: 4]
        let labelled = try train.filtered(classes: Array(5...9)).sampled(perClass: 40, seed: 2).relabeled(mapping)
        let evaluation = try test.filtered(classes: Array(5...9)).sampled(perClass: 100, seed: 3).relabeled(mapping)
        let before = Dictionary(uniqueKeysWithValues: model.namedParameters.map { ($0.name, $0.tensor.scalars) })
        let accuracy =
            try ClassifierTraining.fit(
                model, train: labelled, test: evaluation,
                options: TrainingOptions(epochs: 15, batchSize: 32, seed: 4)) ?? 0
        for (name, tensor) in model.namedParameters {
            if name.hasPrefix("features.") {
                let unchanged = tensor.scalars.map(\.bitPattern) == before[name]!.map(\.bitPattern)
                #expect(unchanged, "\(name) moved")
            } else {
                #expect(tensor.scalars != before[name], "\(name) did not move")
            }
        }
        #expect(accuracy > 0.75, "accuracy on 500 test images of the new classes: \(accuracy)")
        #expect(pretrained.stateTensors.map(\.tensor.scalars) == pretrainedValues, "the pretrained model changed")
    }

    @Test func featuresExtractedTwiceAreIdentical() throws {
        let (pretrained, _, test) = try pretrained()
        let images = test.images.rows(0..<300)
        let first = try DeepFeatures.extract(pretrained, at: "hidden", from: images, batchSize: 128)
        let second = try DeepFeatures.extract(pretrained, at: "hidden", from: images, batchSize: 128)
        #expect(first.shape == [300, 32])
        let identical = first.scalars.map(\.bitPattern) == second.scalars.map(\.bitPattern)
        #expect(identical)
        // Another batch size changes sgemm's blocking, hence the rounding, but not the values.
        let otherBatching = try DeepFeatures.extract(pretrained, at: "hidden", from: images, batchSize: 300)
        let largestDifference = zip(first.scalars, otherBatching.scalars).map { abs($0 - $1) }.max() ?? 0
        #expect(largestDifference < 1e-4)
        let convolutional = try DeepFeatures.extract(pretrained, at: "features.1", from: images)
        #expect(convolutional.shape == [300, 4 * 14 * 14])
    }

    @Test func badCutsAndHeadsAreNamed() throws {
        let (pretrained, _, _) = try pretrained()
        var generator = SeededGenerator(seed: 0)
        #expect(
            throws: LatentError("cut point middle is not a layer of the model; its layers are: features, hidden, head")
        ) {
            try TransferModel.build(
                from: pretrained, cut: "middle", newClasses: 5, inputShape: [784], using: &generator)
        }
        #expect(throws: LatentError("fine-tuned layer head is not among the kept layers features, hidden")) {
            try TransferModel.build(
                from: pretrained, cut: "hidden", newClasses: 5, inputShape: [784], fineTune: ["head"], using: &generator
            )
        }
        #expect(throws: LatentError("a new head needs at least 2 classes, got 1")) {
            try TransferModel.build(
                from: pretrained, cut: "hidden", newClasses: 1, inputShape: [784], using: &generator)
        }
        #expect(throws: LatentError.self) {
            try DeepFeatures.extract(pretrained, at: "hidden.7", from: Tensor(zeros: [1, 784]))
        }
    }
}
