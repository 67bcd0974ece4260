import Foundation
import LatentCore
import LatentData
import LatentExperiments
import LatentModels
import LatentNN
import LatentTestSupport
import Testing

/// `latent train ssl`'s pipeline on a few hundred real Fashion-MNIST images (skipped without the Debian package):
/// the loss falls, two views of one image end up nearer in feature space than views of different images, and the
/// checkpoint it writes gives the same features back through `--layer features`.
@Suite(.serialized) struct SelfSupervisedPipelineTests {
    static let augmentation = try! Augmentation(parsing: "crop:0.5,flip,jitter:0.4")

    /// How much nearer two views of one image are than views of different images: over `images`, the mean cosine
    /// between the features of an image's two views less the mean cosine between views of different images.
    static func viewGap(_ model: any Layer, _ images: ImageDataset, seed: UInt64) throws -> Double {
        var generator = SeededGenerator(seed: seed)
        let (first, second) = (
            augmentation.views(of: images.images, channels: 1, height: 28, width: 28, using: &generator),
            augmentation.views(of: images.images, channels: 1, height: 28, width: 28, using: &generator)
        )
        let similarities = try normalisedFeatures(model, second).matmul(normalisedFeatures(model, first).transposed())
        let (n, cosines) = (images.count, similarities.scalars)  // (N, N), row i a second view, column j a first
        let same = (0..<n).reduce(0.0) { $0 + Double(cosines[$1 * n + $1]) }
        let all = cosines.reduce(0.0) { $0 + Double($1) }
        return same / Double(n) - (all - same) / Double(n * (n - 1))
    }

    static func normalisedFeatures(_ model: any Layer, _ images: Tensor) throws -> Tensor {
        let features = try DeepFeatures.extract(model, at: SelfSupervisedPipeline.featuresLayer, from: images)
        return features / ((features * features).sum(axes: [1], keepingDimensions: true) + 1e-12).sqrt()
    }

    @Test(arguments: SelfSupervisedMethod.allCases)
    func trainingBringsTwoViewsOfAnImageTogether(method: SelfSupervisedMethod) throws {
        guard let fashion = TestData.fashionMNIST else { return }
        let train = fashion.train.selecting(Array(0..<256))
        let held = fashion.test.selecting(Array(0..<100))
        var settings = SelfSupervisedSettings()
        settings.method = method
        settings.projectionDimension = 32
        settings.training = TrainingSettings(
            epochs: 3, batchSize: 64, seed: 1, learningRate: 3e-3, augmentation: Self.augmentation)
        let scratch = try ScratchDirectory()
        let before = try Self.viewGap(try settings.build(for: train), held, seed: 9)

        let pipeline = SelfSupervisedPipeline(settings, trainCount: train.count)
        let result = try pipeline.run(train: train, test: held, output: scratch.path("run"), log: { _ in })
        let losses = result.reports.map(\.trainLoss)
        let after = try Self.viewGap(result.model, held, seed: 9)
        #expect(losses.count == 3)
        #expect(losses[2] < 0.9 * losses[0], "\(method) losses \(losses)")
        // Measured: 0.006 untrained; 0.080 after SimCLR, 0.142 after VICReg (mean cosines of 0.97 against 0.90 and 0.83).
        #expect(after > 0.04 && after > 4 * before, "\(method): views' cosine gap \(before) -> \(after)")

        // The checkpoint is a self-supervised encoder whose features layer gives the trained model's features.
        let checkpoint = try Checkpoint.load(from: scratch.path("run/model.h5"), requiring: [.selfSupervised])
        #expect(checkpoint.kind == .selfSupervised && checkpoint.metadata["method"] == method.rawValue)
        let reloaded = try checkpoint.buildModel()
        let features = try DeepFeatures.extract(result.model, at: "features", from: held.images)
        #expect(try DeepFeatures.extract(reloaded, at: "features", from: held.images).scalars == features.scalars)
        #expect(features.shape == [100, SelfSupervisedArchitecture.resnet8.featureCount])
        let lines = try String(contentsOfFile: scratch.path("run/metrics.jsonl"), encoding: .utf8)
        #expect(lines.split(separator: "\n").count == 3)
        #expect(result.retrieval?.rows.count == 4)
    }

    @Test func aRunRepeatsExactlyFromItsSeed() throws {
        guard let fashion = TestData.fashionMNIST else { return }
        let train = fashion.train.selecting(Array(0..<65))
        var settings = SelfSupervisedSettings()
        settings.projectionDimension = 16
        settings.training = TrainingSettings(epochs: 1, batchSize: 32, seed: 4)
        let scratch = try ScratchDirectory()
        let runs = try (0..<2).map { run in
            try SelfSupervisedPipeline(settings, trainCount: train.count).run(
                train: train, test: nil, output: scratch.path("run\(run)"), log: { _ in })
        }
        #expect(runs[0].reports[0].trainLoss == runs[1].reports[0].trainLoss)
        #expect(runs[0].reports[0].trainLoss.isFinite && runs[0].retrieval == nil)
        let first = try DeepFeatures.extract(runs[0].model, at: "features", from: train.images)
        #expect(try DeepFeatures.extract(runs[1].model, at: "features", from: train.images).scalars == first.scalars)
    }
}
