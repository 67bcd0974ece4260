import Foundation
import LatentCore
import LatentData
import LatentModels
import LatentNN
import LatentTestSupport
import Testing

@Suite(.enabled(if: TestData.hasFashionMNIST, "needs Debian's dataset-fashion-mnist"))
final class TrainerTests {
    let directory: String
    init() throws { directory = try TestData.scratchDirectory() }
    deinit { try? FileManager.default.removeItem(atPath: directory) }
    func path(_ name: String) -> String { (directory as NSString).appendingPathComponent(name) }

    func classifier(_ architecture: ClassifierArchitecture, seed: UInt64 = 1) throws -> any Layer {
        var generator = SeededGenerator(seed: seed)
        return try architecture.spec(classes: 10).build(using: &generator)
    }

    @Test func mlpReachesEightyPercentOnARealSubset() throws {
        let data = try #require(TestData.fashionMNIST)
        let train = try data.train.sampled(perClass: 600, seed: 1)
        let test = try data.test.sampled(perClass: 200, seed: 2)
        let model = try classifier(.mlp)
        let trainer = Trainer(
            model: model, optimizer: Adam(), options: TrainingOptions(epochs: 3, batchSize: 64, seed: 3))
        let reports = try trainer.fit(train) { Loss.crossEntropy(logits: model($0.images), labels: $0.labels) }
        #expect(reports.count == 3 && reports[2].trainLoss < reports[0].trainLoss)
        let accuracy = Classification.accuracy(model, on: test)
        #expect(accuracy > 0.78, "test accuracy \(accuracy) on 2,000 images after 3 epochs over 6,000")
    }

    @Test func resumedTrainingRepeatsTheUninterruptedLosses() throws {
        let data = try #require(TestData.fashionMNIST)
        let train = try data.train.sampled(perClass: 50, seed: 4)
        func run(epochs: Int, from checkpoint: Checkpoint? = nil, saveTo: String? = nil) throws -> [Double] {
            let model = try classifier(.mlp, seed: 9)
            let trainer = Trainer(
                model: model, optimizer: Adam(),
                options: TrainingOptions(
                    epochs: epochs, batchSize: 32, seed: 5, checkpointPath: saveTo))
            if let checkpoint { try trainer.resume(from: checkpoint) }
            return try trainer.fit(train) { Loss.crossEntropy(logits: model($0.images), labels: $0.labels) }.map(
                \.trainLoss)
        }
        let straight = try run(epochs: 4)
        let firstHalf = try run(epochs: 2, saveTo: path("half.h5"))
        let secondHalf = try run(epochs: 4, from: try Checkpoint.load(from: path("half.h5")))
        #expect(firstHalf + secondHalf == straight)
    }

    @Test func aNonFiniteLossStopsAndNamesTheCheckpointItKeeps() throws {
        let data = try #require(TestData.fashionMNIST)
        let train = try data.train.sampled(perClass: 20, seed: 1)
        let model = try classifier(.logistic)
        let trainer = Trainer(
            model: model, optimizer: SGD(learningRate: 0.1),
            options: TrainingOptions(
                epochs: 3, batchSize: 50, checkpointPath: path("last.h5")))
        var calls = 0
        let kept = TrainingError.KeptCheckpoint(path: path("last.h5"), epoch: 1)
        #expect(throws: TrainingError.nonFiniteLoss(epoch: 2, batch: 3, value: .infinity, kept: kept)) {
            try trainer.fit(train) { batch in
                calls += 1
                let loss = Loss.crossEntropy(logits: model(batch.images), labels: batch.labels)
                return calls == 7 ? loss * Float.infinity : loss
            }
        }
        #expect(try Checkpoint.load(from: path("last.h5")).epoch == 1)
        #expect(
            "\(TrainingError.nonFiniteLoss(epoch: 2, batch: 3, value: .infinity, kept: kept))".contains(
                "the checkpoint of epoch 1 is kept at \(path("last.h5"))"))
    }

    /// A training loss that stays finite does not make a model that evaluates to one: an infinite pixel in the
    /// validation images makes the logistic model's validation loss NaN, and the run stops before its checkpoint.
    @Test func aNonFiniteValidationLossStopsTheRun() throws {
        let data = try #require(TestData.fashionMNIST)
        let train = try data.train.sampled(perClass: 20, seed: 1)
        var pixels = train.images.scalars
        pixels[5] = .infinity
        let validation = ImageDataset(
            name: "validation", images: Tensor(shape: train.images.shape, scalars: pixels), labels: train.labels,
            height: train.height, width: train.width, classNames: train.classNames)
        let model = try classifier(.logistic)
        let trainer = Trainer(
            model: model, optimizer: SGD(learningRate: 0.1),
            options: TrainingOptions(epochs: 3, batchSize: 50, checkpointPath: path("last.h5")))
        #expect {
            try trainer.fit(train, validation: validation) {
                Loss.crossEntropy(logits: model($0.images), labels: $0.labels)
            }
        } throws: { error in
            guard case .nonFiniteValidationLoss(epoch: 1, let value, kept: nil) = error as? TrainingError else {
                return false
            }
            return !value.isFinite && "\(error)".hasPrefix("training stopped: the validation loss became ")
                && "\(error)".hasSuffix(
                    "after epoch 1; this run saved no checkpoint before it (lower the learning rate or clip gradients)")
        }
        #expect(!FileManager.default.fileExists(atPath: path("last.h5")))
    }

    @Test func aDivergenceBeforeTheFirstCheckpointPromisesNone() throws {
        let data = try #require(TestData.fashionMNIST)
        let train = try data.train.sampled(perClass: 20, seed: 1)
        let model = try classifier(.logistic)
        let trainer = Trainer(
            model: model, optimizer: SGD(learningRate: 0.1),
            options: TrainingOptions(
                epochs: 3, batchSize: 50, checkpointPath: path("last.h5")))
        #expect {
            try trainer.fit(train) { Loss.crossEntropy(logits: model($0.images), labels: $0.labels) * Float.nan }
        } throws: { error in
            "\(error)"
                == "training stopped: the loss became nan at epoch 1, batch 1; this run saved no checkpoint before it "
                + "(lower the learning rate or clip gradients)"
        }
        #expect(!FileManager.default.fileExists(atPath: path("last.h5")))
    }

    @Test func aFreshRunStartsTheMetricsLogAnewAndAResumedOneContinuesIt() throws {
        let data = try #require(TestData.fashionMNIST)
        let train = try data.train.sampled(perClass: 10, seed: 1)
        func run(epochs: Int, resume: Bool) throws {
            let model = try classifier(.logistic)
            let trainer = Trainer(
                model: model, optimizer: SGD(learningRate: 0.01),
                options: TrainingOptions(
                    epochs: epochs, batchSize: 50, metricsLog: path("metrics.jsonl"), checkpointPath: path("model.h5")))
            if resume { try trainer.resume(from: try Checkpoint.load(from: path("model.h5"))) }
            try trainer.fit(train) { Loss.crossEntropy(logits: model($0.images), labels: $0.labels) }
        }
        func loggedEpochs() throws -> [Substring] {
            try String(contentsOfFile: path("metrics.jsonl"), encoding: .utf8).split(separator: "\n").map {
                $0.prefix(12)
            }
        }
        try run(epochs: 2, resume: false)
        try run(epochs: 2, resume: false)
        #expect(try loggedEpochs() == ["{\"epoch\": 1,", "{\"epoch\": 2,"])
        try run(epochs: 3, resume: true)
        #expect(try loggedEpochs() == ["{\"epoch\": 1,", "{\"epoch\": 2,", "{\"epoch\": 3,"])
    }

    @Test func aMetricsLogThatCannotBeWrittenIsANamedError() throws {
        let data = try #require(TestData.fashionMNIST)
        let train = try data.train.sampled(perClass: 10, seed: 1)
        try FileManager.default.createDirectory(atPath: path("metrics.jsonl"), withIntermediateDirectories: false)
        let model = try classifier(.logistic)
        let trainer = Trainer(
            model: model, optimizer: SGD(learningRate: 0.01),
            options: TrainingOptions(
                epochs: 1, batchSize: 50, metricsLog: path("metrics.jsonl")))
        #expect(
            throws: AtomicFile.Failure(
                path("metrics.jsonl"), "is a directory; give a file name inside it (nothing was written)")
        ) {
            try trainer.fit(train) { Loss.crossEntropy(logits: model($0.images), labels: $0.labels) }
        }
    }

    @Test func earlyStoppingAndTheMetricsLog() throws {
        let data = try #require(TestData.fashionMNIST)
        let train = try data.train.sampled(perClass: 20, seed: 1)
        let model = try classifier(.logistic)
        let trainer = Trainer(
            model: model, optimizer: SGD(learningRate: 0),
            options: TrainingOptions(
                epochs: 10, batchSize: 50, earlyStoppingPatience: 2, metricsLog: path("metrics.jsonl")))
        let reports = try trainer.fit(train, validation: train) {
            Loss.crossEntropy(logits: model($0.images), labels: $0.labels)
        }
        // A learning rate of 0 never improves the validation loss: epoch 1 sets it, epochs 2 and 3 fail to beat it.
        #expect(reports.count == 3)
        let lines = try String(contentsOfFile: path("metrics.jsonl"), encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 3 && lines[0].hasPrefix("{\"epoch\": 1, \"train_loss\": "))
        #expect(lines[2].contains("\"validation_loss\": "))
    }
}
