import Foundation
import LatentCore
import LatentData
import LatentModels
import LatentNN
import LatentTestSupport
import Testing

/// A run stopped after 2 epochs and resumed from its checkpoint up to 4 gives the losses, learning rates and
/// weights of 4 uninterrupted epochs, bit for bit, for every source of randomness a model has; and a checkpoint
/// robbed of that randomness's position does not (the control that shows each test can fail).
@Suite(.enabled(if: TestData.hasFashionMNIST, "needs Debian's dataset-fashion-mnist"))
final class ResumeTests {
    let scratch: ScratchDirectory
    let train: ImageDataset
    let validation: ImageDataset

    init() throws {
        scratch = try ScratchDirectory()
        let data = try #require(TestData.fashionMNIST)
        // 200 real images, 7 batches of 32 per epoch (the last one short).
        train = try data.train.sampled(perClass: 20, seed: 11)
        validation = try data.test.sampled(perClass: 10, seed: 12)
    }

    /// One training run on a freshly built model: `epochs` in all, checkpointing to `checkpoint` and logging to
    /// `metrics`, continuing from `resuming` when given. Gives this call's reports and the trained model.
    typealias Run = (_ epochs: Int, _ checkpoint: String, _ metrics: String, _ resuming: Checkpoint?) throws
        -> (reports: [EpochReport], model: any Layer)

    /// What must repeat exactly: each epoch's losses and learning rate, as bits.
    func bits(_ reports: [EpochReport]) -> [[UInt64]] {
        reports.map {
            [
                UInt64($0.epoch), $0.trainLoss.bitPattern, $0.validationLoss?.bitPattern ?? 0,
                UInt64($0.learningRate.bitPattern),
            ]
        }
    }

    func weightBits(_ model: any Layer) -> [String: [UInt32]] {
        Dictionary(uniqueKeysWithValues: model.stateTensors.map { ($0.name, $0.tensor.scalars.map(\.bitPattern)) })
    }

    /// Runs 4 epochs straight, then 2 and a resume to 4, and expects the same bits. Returns the checkpoint of epoch 2
    /// and the resumed run's reports, for the callers' own checks.
    @discardableResult
    func expectResumeIsExact(
        _ run: Run, sourceLocation: SourceLocation = #_sourceLocation
    ) throws
        -> (half: Checkpoint, straight: [EpochReport], resumed: [EpochReport])
    {
        let straight = try run(4, scratch.path("straight.h5"), scratch.path("straight.jsonl"), nil)
        let first = try run(2, scratch.path("split.h5"), scratch.path("split.jsonl"), nil)
        let half = try Checkpoint.load(from: scratch.path("split.h5"))
        #expect(half.epoch == 2 && half.training?.step == 14, sourceLocation: sourceLocation)
        let second = try run(4, scratch.path("split.h5"), scratch.path("split.jsonl"), half)
        #expect(second.reports.map(\.epoch) == [3, 4], sourceLocation: sourceLocation)
        #expect(bits(first.reports + second.reports) == bits(straight.reports), sourceLocation: sourceLocation)
        #expect(weightBits(second.model) == weightBits(straight.model), sourceLocation: sourceLocation)
        // The resumed run's log holds epochs 1 to 4 once each, with the uninterrupted run's losses.
        let logged = try String(contentsOfFile: scratch.path("split.jsonl"), encoding: .utf8).split(separator: "\n")
        #expect(logged.count == 4, sourceLocation: sourceLocation)
        let straightLog = try String(contentsOfFile: scratch.path("straight.jsonl"), encoding: .utf8).split(
            separator: "\n")
        func losses(_ lines: [Substring]) -> [String] {
            lines.map { $0.split(separator: ",").filter { $0.contains("loss") }.joined(separator: ",") }
        }
        #expect(losses(logged) == losses(straightLog), sourceLocation: sourceLocation)
        return (half, straight.reports, second.reports)
    }

    /// Resumes from `tampered` (the epoch-2 checkpoint with some state put back to where a fresh run has it) and
    /// expects the last epoch's loss to differ from the uninterrupted run's.
    func expectTamperedResumeDiffers(
        _ run: Run, from tampered: Checkpoint, straight: [EpochReport],
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        // The resumed run's log, whose first two epochs the resume keeps.
        try FileManager.default.copyItem(atPath: scratch.path("split.jsonl"), toPath: scratch.path("tampered.jsonl"))
        let reports = try run(4, scratch.path("tampered.h5"), scratch.path("tampered.jsonl"), tampered).reports
        #expect(
            reports.count == 2 && reports.last?.trainLoss != straight.last?.trainLoss, sourceLocation: sourceLocation)
    }

    func autoencoderRun(_ spec: LayerSpec, corruption: Corruption? = nil, augmentation: Augmentation? = nil) -> Run {
        { [train, validation] epochs, checkpoint, metrics, resuming in
            var generator = SeededGenerator(seed: 7)
            var autoencoder = try Autoencoder(try spec.build(using: &generator))
            autoencoder.corruption = corruption
            autoencoder.augmentation = augmentation
            let history = try autoencoder.fit(
                train, validation: validation,
                options: TrainingOptions(
                    epochs: epochs, batchSize: 32, seed: 3, metricsLog: metrics, checkpointPath: checkpoint,
                    resumingFrom: resuming))
            // `fit` gives the whole run; a resumed run's earlier epochs come back from its log, exactly.
            #expect(history.map(\.epoch) == Array(1...epochs))
            return (Array(history.dropFirst(resuming?.epoch ?? 0)), autoencoder.model)
        }
    }

    @Test func aDenoisingAutoencoderResumesExactly() throws {
        let run = autoencoderRun(
            try AutoencoderArchitecture.dense.spec(codeSize: 8), corruption: .masking(fraction: 0.3))
        let (half, straight, _) = try expectResumeIsExact(run)
        // The corruption's generator has moved on from its seed, and only a checkpoint that keeps it resumes exactly.
        var tampered = half
        tampered.training?.lossGenerator = SeededGenerator(seed: 3 &+ 0x5EED)
        #expect(half.training?.lossGenerator.stateWords != tampered.training?.lossGenerator.stateWords)
        try expectTamperedResumeDiffers(run, from: tampered, straight: straight)
    }

    /// Augmented views, then noise on them: both draw from the loss's generator, which the checkpoint keeps.
    @Test func anAugmentedDenoisingAutoencoderResumesExactly() throws {
        let run = autoencoderRun(
            try AutoencoderArchitecture.dense.spec(codeSize: 8), corruption: .masking(fraction: 0.1),
            augmentation: try Augmentation(parsing: "crop:0.6,flip,jitter:0.3,blur:1,jpeg:50"))
        let (half, straight, _) = try expectResumeIsExact(run)
        var tampered = half
        tampered.training?.lossGenerator = SeededGenerator(seed: 3 &+ 0x5EED)
        try expectTamperedResumeDiffers(run, from: tampered, straight: straight)
    }

    @Test func aVariationalAutoencoderResumesExactly() throws {
        let spec = try AutoencoderArchitecture.variational.spec(codeSize: 4)
        let run = autoencoderRun(spec)
        let (half, straight, _) = try expectResumeIsExact(run)
        #expect(half.generators.map { Array($0.keys) } == ["generator"])
        var fresh = SeededGenerator(seed: 7)
        var tampered = half
        tampered.generators = try spec.build(using: &fresh).namedGenerators
        try expectTamperedResumeDiffers(run, from: tampered, straight: straight)
    }

    /// Dropout in the hidden layer and a cosine learning-rate schedule, which counts steps across the resume.
    @Test func aDropoutClassifierWithAScheduleResumesExactly() throws {
        let spec = LayerSpec.named(layers: [
            NamedLayerSpec(
                "hidden", .sequential(layers: [.linear(inputs: 784, outputs: 64), .relu, .dropout(rate: 0.3)])),
            NamedLayerSpec("head", .linear(inputs: 64, outputs: 10)),
        ])
        let run: Run = { [train, validation] epochs, checkpoint, metrics, resuming in
            var generator = SeededGenerator(seed: 8)
            let model = try spec.build(using: &generator)
            let trainer = Trainer(
                model: model, optimizer: Adam(),
                options: TrainingOptions(
                    epochs: epochs, batchSize: 32, seed: 4, schedule: .cosine(rate: 0.01, totalSteps: 28),
                    metricsLog: metrics,
                    checkpointPath: checkpoint))
            if let resuming { try trainer.resume(from: resuming) }
            let reports = try trainer.fit(train, validation: validation) {
                Loss.crossEntropy(logits: model($0.images), labels: $0.labels)
            }
            return (reports, model)
        }
        let (half, straight, resumed) = try expectResumeIsExact(run)
        #expect(Set(straight.map(\.learningRate)).count == 4 && resumed.count == 2)
        #expect(half.generators.map { Array($0.keys) } == ["hidden.2.generator"])
        var fresh = SeededGenerator(seed: 8)
        var tampered = half
        tampered.generators = try spec.build(using: &fresh).namedGenerators
        try expectTamperedResumeDiffers(run, from: tampered, straight: straight)
    }

    /// A small CNN-shaped network pretrained briefly, cut at `hidden`: `features` frozen, `hidden` fine-tuned.
    @Test func aTransferModelWithFrozenLayersResumesExactly() throws {
        let data = try #require(TestData.fashionMNIST)
        var generator = SeededGenerator(seed: 5)
        let pretrained = try LayerSpec.named(layers: [
            NamedLayerSpec(
                "features",
                .sequential(layers: [
                    .reshape(shape: [1, 28, 28]),
                    .conv2d(inChannels: 1, outChannels: 4, kernel: 3, stride: 2, padding: 1),
                    .relu, .flatten,
                ])),
            NamedLayerSpec("hidden", .sequential(layers: [.linear(inputs: 4 * 14 * 14, outputs: 32), .relu])),
            NamedLayerSpec("head", .linear(inputs: 32, outputs: 5)),
        ]).build(using: &generator)
        let old = try data.train.filtered(classes: [0, 1, 2, 3, 4]).sampled(perClass: 40, seed: 1)
        try ClassifierTraining.fit(pretrained, train: old, options: TrainingOptions(epochs: 1, batchSize: 32, seed: 1))
        let mapping = [5: 0, 6: 1, 7: 2, 8: 3, 9: 4]
        let labelled = try data.train.filtered(classes: Array(5...9)).sampled(perClass: 40, seed: 2).relabeled(mapping)

        let run: Run = { epochs, checkpoint, metrics, resuming in
            var generator = SeededGenerator(seed: 6)
            let model = try TransferModel.build(
                from: pretrained, cut: "hidden", newClasses: 5, inputShape: [784],
                fineTune: ["hidden"], using: &generator)
            let trainer = Trainer(
                model: model, optimizer: Adam(),
                options: TrainingOptions(
                    epochs: epochs, batchSize: 32, seed: 9, metricsLog: metrics, checkpointPath: checkpoint))
            if let resuming { try trainer.resume(from: resuming) }
            let reports = try trainer.fit(labelled) { Loss.crossEntropy(logits: model($0.images), labels: $0.labels) }
            return (reports, model)
        }
        let (half, _, _) = try expectResumeIsExact(run)
        #expect(half.frozen == ["features.1.weight", "features.1.bias"])
        // The frozen layers are still the pretrained ones after four epochs and a resume.
        let resumed = try Checkpoint.load(from: scratch.path("split.h5"))
        let pretrainedWeights = weightBits(pretrained)
        for name in ["features.1.weight", "features.1.bias"] {
            #expect(resumed.tensors[name]?.scalars.map(\.bitPattern) == pretrainedWeights[name], "\(name) moved")
        }
        #expect(resumed.tensors["hidden.0.weight"]?.scalars.map(\.bitPattern) != pretrainedWeights["hidden.0.weight"])
    }
}
