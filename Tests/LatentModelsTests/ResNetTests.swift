import Foundation
import LatentCore
import LatentData
import LatentModels
import LatentNN
import LatentTestSupport
import Testing

@Suite struct ResNetTests {
    /// ResNet-18's layout: four stages of two blocks, a projection where a stage halves the image.
    @Test func theLayoutIsResNet18s() throws {
        let spec = try ClassifierArchitecture.resnet.spec(classes: 10)
        #expect(try spec.outputShape(for: [784]) == [10])
        let residuals = spec.layerPaths.filter { $0.hasSuffix(".residual") }
        #expect(residuals == (1...4).flatMap { stage in (0...1).map { "features.layer\(stage).\($0).residual" } })
        let projections = spec.tensorShapes.filter { $0.name.hasSuffix("shortcut.conv.weight") }
        #expect(projections.map(\.name) == (2...4).map { "features.layer\($0).0.residual.shortcut.conv.weight" })
        #expect(projections.map(\.shape) == [[32, 16, 1, 1], [64, 32, 1, 1], [128, 64, 1, 1]])
        // 28 -> 28 -> 14 -> 7 -> 4, then pooled to 128 features.
        #expect(
            try ResNet(blocks: [2, 2, 2, 2], widths: [16, 32, 64, 128]).features(channels: 1, height: 28, width: 28)
                .outputShape(for: [784]) == [128])
    }

    @Test func aBlockMismatchIsRefused() {
        #expect(throws: LatentError.self) {
            try ResNet(blocks: [2, 2], widths: [16]).features(channels: 1, height: 8, width: 8)
        }
    }

    /// A small ResNet's gradients, through residual additions, projections and batch normalisation. Its ReLUs are
    /// tanh here: batch normalisation puts values at ReLU's kink, where finite differences disagree with any slope.
    @Test func gradientsMatchFiniteDifferences() throws {
        var generator = SeededGenerator(seed: 4)
        let spec = LayerSpec.named(layers: [
            NamedLayerSpec(
                "features", try ResNet(blocks: [1, 1], widths: [2, 3]).features(channels: 1, height: 4, width: 4)),
            NamedLayerSpec("head", .linear(inputs: 3, outputs: 2)),
        ])
        let model = try smooth(spec).build(using: &generator)
        let input = spreadTensor([3, 16], gap: 0.07, seed: 5)
        let result = checkGradients([input] + model.namedParameters.map(\.tensor)) { model($0[0]) }
        #expect(result.worstError < 5e-3, "\(result)")
    }

    @Test(.enabled(if: TestData.hasFashionMNIST, "needs Debian's dataset-fashion-mnist"))
    func aSmallResNetLearnsFashionMNIST() throws {
        let data = try #require(TestData.fashionMNIST)
        let (train, test) = (
            try data.train.sampled(perClass: 30, seed: 1), try data.test.sampled(perClass: 30, seed: 2)
        )
        var generator = SeededGenerator(seed: 3)
        let model = try LayerSpec.named(layers: [
            NamedLayerSpec(
                "features", try ResNet(blocks: [1, 1], widths: [8, 16]).features(channels: 1, height: 28, width: 28)),
            NamedLayerSpec("head", .linear(inputs: 16, outputs: 10)),
        ]).build(using: &generator)
        let trainer = Trainer(
            model: model, optimizer: Adam(learningRate: 3e-3),
            options: TrainingOptions(epochs: 4, batchSize: 32, seed: 1))
        let reports = try trainer.fit(train) { Loss.crossEntropy(logits: model($0.images), labels: $0.labels) }
        // 40 steps from 300 images: measured 2.25 -> 1.84 and 0.39 accuracy (chance is 0.10).
        #expect(reports[3].trainLoss < 0.9 * reports[0].trainLoss, "\(reports.map(\.trainLoss))")
        #expect(Classification.accuracy(model, on: test) > 0.3)
    }
}

/// `spec` with every ReLU replaced by tanh, which is smooth: a gradient check of a network with batch normalisation
/// then compares slopes rather than the sides of a kink.
func smooth(_ spec: LayerSpec) throws -> LayerSpec {
    let json = String(decoding: try JSONEncoder().encode(spec), as: UTF8.self)
    return try LayerSpec.decoded(fromJSON: json.replacingOccurrences(of: #"{"relu":{}}"#, with: #"{"tanh":{}}"#))
}
