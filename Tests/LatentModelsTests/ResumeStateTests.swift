import Foundation
import LatentCore
import LatentData
import LatentModels
import LatentNN
import LatentTestSupport
import Testing

/// What a checkpoint keeps besides the weights, and the runs `Trainer.resume` refuses because it could not continue
/// them exactly.
@Suite(.enabled(if: TestData.hasFashionMNIST, "needs Debian's dataset-fashion-mnist"))
final class ResumeStateTests {
    let scratch: ScratchDirectory
    let train: ImageDataset
    let spec = LayerSpec.named(layers: [
        NamedLayerSpec("hidden", .sequential(layers: [.linear(inputs: 784, outputs: 16), .relu, .dropout(rate: 0.5)])),
        NamedLayerSpec("head", .linear(inputs: 16, outputs: 10)),
    ])
    let metadata = ["task": "classifier", "dataset": "fashion-mnist"]

    init() throws {
        scratch = try ScratchDirectory()
        train = try #require(TestData.fashionMNIST).train.sampled(perClass: 10, seed: 21)
    }

    /// A trainer of a freshly built dropout classifier; `freeze` freezes that layer first.
    func trainer(
        epochs: Int, seed: UInt64 = 4, batchSize: Int = 32, spec: LayerSpec? = nil, freeze: String? = nil,
        metadata: [String: String]? = nil, patience: Int? = nil, learningRate: Float = 1e-3
    ) throws -> Trainer {
        var generator = SeededGenerator(seed: 8)
        let model = try (spec ?? self.spec).build(using: &generator)
        if let freeze { model.freeze(prefix: freeze) }
        let trainer = Trainer(
            model: model, optimizer: SGD(learningRate: learningRate),
            options: TrainingOptions(
                epochs: epochs, batchSize: batchSize, seed: seed, earlyStoppingPatience: patience,
                checkpointPath: scratch.path("model.h5")))
        trainer.checkpointMetadata = metadata ?? self.metadata
        return trainer
    }

    @discardableResult
    func fit(_ trainer: Trainer, validation: ImageDataset? = nil) throws -> [EpochReport] {
        try trainer.fit(train, validation: validation) {
            Loss.crossEntropy(logits: trainer.model($0.images), labels: $0.labels)
        }
    }

    /// The checkpoint of one epoch of the default trainer.
    func oneEpoch() throws -> Checkpoint {
        try fit(try trainer(epochs: 1))
        return try Checkpoint.load(from: scratch.path("model.h5"))
    }

    @Test func theCheckpointHoldsTheTrainingState() throws {
        let trainer = try trainer(epochs: 2, freeze: "head")
        let reports = try fit(trainer, validation: train)
        let checkpoint = try Checkpoint.load(from: scratch.path("model.h5"))
        let state = try #require(checkpoint.training)
        // 100 images in batches of 32: 4 updates an epoch.
        #expect(state.step == 8 && state.batchSize == 32)
        #expect(state.bestValidationLoss == reports.compactMap(\.validationLoss).min())
        #expect(state.epochsWithoutImprovement == (reports[1].validationLoss! < reports[0].validationLoss! ? 0 : 1))
        #expect(state.lossGenerator.stateWords == trainer.lossGenerator.stateWords)
        #expect(checkpoint.frozen == ["head.weight", "head.bias"])
        #expect(
            checkpoint.generators?["hidden.2.generator"]?.stateWords
                == trainer.model.namedGenerators["hidden.2.generator"]?.stateWords)
        // The dropout's generator has moved on from where building put it.
        var fresh = SeededGenerator(seed: 8)
        #expect(
            checkpoint.generators?["hidden.2.generator"]?.stateWords
                != (try spec.build(using: &fresh)).namedGenerators["hidden.2.generator"]?.stateWords)
    }

    @Test func aRebuiltModelAndACopyKeepTheFrozenSetAndTheGenerators() throws {
        let trainer = try trainer(epochs: 1, freeze: "hidden")
        try fit(trainer)
        let rebuilt = try Checkpoint.load(from: scratch.path("model.h5")).buildModel()
        let copy = try trainer.model.copied()
        for model in [rebuilt, copy] {
            #expect(model.frozenParameterNames == ["hidden.0.weight", "hidden.0.bias"])
            #expect(
                model.namedGenerators.mapValues(\.stateWords) == trainer.model.namedGenerators.mapValues(\.stateWords))
        }
        // The copy draws the same dropout masks as the original, and then each goes its own way.
        let images = train.images.rows(0..<8)
        trainer.model.setTraining(true)
        copy.setTraining(true)
        #expect(copy(images).scalars.map(\.bitPattern) == trainer.model(images).scalars.map(\.bitPattern))
        #expect(copy.namedGenerators.mapValues(\.stateWords) == trainer.model.namedGenerators.mapValues(\.stateWords))
    }

    /// A learning rate of 0 never improves the validation loss: epoch 1 sets the best, epochs 2 and 3 miss it and a
    /// patience of 2 stops the run after epoch 3. Resumed after epoch 2, only epoch 3 is left; without the counters
    /// it would train on to epoch 4.
    @Test func earlyStoppingCountsAcrossAResume() throws {
        let straight = try fit(try trainer(epochs: 10, patience: 2, learningRate: 0), validation: train)
        #expect(straight.map(\.epoch) == [1, 2, 3])
        try fit(try trainer(epochs: 2, patience: 2, learningRate: 0), validation: train)
        let resumed = try trainer(epochs: 10, patience: 2, learningRate: 0)
        try resumed.resume(from: try Checkpoint.load(from: scratch.path("model.h5")))
        #expect(try fit(resumed, validation: train).map(\.epoch) == [3])
        // The run stopped: resuming its last checkpoint trains nothing more.
        let stopped = try trainer(epochs: 10, patience: 2, learningRate: 0)
        try stopped.resume(from: try Checkpoint.load(from: scratch.path("model.h5")))
        #expect(try fit(stopped, validation: train).isEmpty)
    }

    func refusal(_ reason: String) -> TrainingError {
        .cannotResume(checkpoint: scratch.path("model.h5"), reason: reason)
    }

    @Test func aRunWithOtherOptionsIsRefusedAndLeftUntouched() throws {
        let checkpoint = try oneEpoch()
        let cases: [(Trainer, String)] = [
            (try trainer(epochs: 3, seed: 5), "the run that wrote it used seed 4; this run asks seed 5"),
            (try trainer(epochs: 3, batchSize: 16), "the run that wrote it used batches of 32; this run asks 16"),
            (
                try trainer(epochs: 3, metadata: ["task": "classifier", "dataset": "mnist"]),
                "the run that wrote it recorded dataset fashion-mnist; this run asks dataset mnist"
            ),
            (
                try trainer(epochs: 3, metadata: ["task": "classifier", "dataset": "fashion-mnist", "code_size": "8"]),
                "the run that wrote it recorded no code_size; this run asks code_size 8"
            ),
            (
                try trainer(epochs: 3, freeze: "hidden"),
                "it freezes nothing; this run's model freezes hidden.0.weight, hidden.0.bias"
            ),
            (
                try trainer(
                    epochs: 3, spec: .named(layers: [NamedLayerSpec("head", .linear(inputs: 784, outputs: 10))])),
                "it holds another architecture than the model this run builds; give the options of the run that wrote it"
            ),
            (
                try trainer(epochs: 1),
                "it already holds epoch 1, and this run stops at epoch 1; ask for more epochs to continue it"
            ),
        ]
        for (trainer, reason) in cases {
            let before = weightBits(trainer.model)
            #expect(throws: refusal(reason)) { try trainer.resume(from: checkpoint) }
            #expect(weightBits(trainer.model) == before && trainer.completedEpochs == 0, "\(reason)")
        }
    }

    /// The schedule and weight decay are recorded only when asked for (older checkpoints lack them): a run that wrote
    /// one must be resumed asking for it, not silently without it.
    @Test func aSettingRecordedOnlyWhenAskedMustBeAskedAgain() throws {
        let cosine = TrainingSettings(schedule: .cosine).metadata.merging(metadata) { $1 }
        try fit(try trainer(epochs: 1, metadata: cosine))
        let checkpoint = try Checkpoint.load(from: scratch.path("model.h5"))
        #expect(throws: refusal("the run that wrote it recorded schedule cosine; this run asks no schedule")) {
            let constant = TrainingSettings().metadata.merging(metadata) { $1 }
            try trainer(epochs: 2, metadata: constant).resume(from: checkpoint)
        }
        try trainer(epochs: 2, metadata: cosine).resume(from: checkpoint)
    }

    /// An optimizer updates each parameter through its slots element by element: a slot of another shape must never
    /// reach it.
    @Test func anOptimizerStateThatDoesNotFitIsRefused() throws {
        var checkpoint = try oneEpoch()
        let slot = Tensor(zeros: [2, 2])
        let cases: [(OptimizerState, String)] = [
            (
                OptimizerState(kind: "sgd", step: 1, tensors: ["velocity/head.weight": slot]),
                "its optimizer slot velocity/head.weight has shape [2, 2]; the parameter head.weight has [10, 16]"
            ),
            (
                OptimizerState(kind: "sgd", step: 1, tensors: ["velocity/tail.weight": slot]),
                "its optimizer slot velocity/tail.weight belongs to no parameter of the model"
            ),
            (
                OptimizerState(kind: "sgd", step: -2, tensors: [:]),
                "its optimizer step is -2, not between 0 and 9007199254740992"
            ),
            (
                OptimizerState(kind: "sgd", step: .max, tensors: [:]),
                "its optimizer step is 9223372036854775807, not between 0 and 9007199254740992"
            ),
            (OptimizerState(kind: "adamw", step: 1, tensors: [:]), "its optimizer is adamw; this run's is sgd"),
        ]
        for (state, reason) in cases {
            checkpoint.optimizer = state
            #expect(throws: refusal(reason)) { try self.trainer(epochs: 2).resume(from: checkpoint) }
        }
    }

    /// Without them the run would go on from zeroed moments and reseeded dropout, not as the uninterrupted run.
    @Test func aCheckpointWithoutOptimizerOrGeneratorsIsRefused() throws {
        var checkpoint = try oneEpoch()
        let generators = checkpoint.generators
        checkpoint.generators = nil
        #expect(
            throws: refusal(
                "it holds no generators (/generators) for the random layers hidden.2.generator, so they would "
                    + "start again from the seed")
        ) { try self.trainer(epochs: 2).resume(from: checkpoint) }
        checkpoint.generators = generators
        checkpoint.optimizer = nil
        #expect(
            throws: refusal("it holds no optimizer state (/optimizer), so the optimizer would start again from zero")
        ) { try self.trainer(epochs: 2).resume(from: checkpoint) }
    }

    /// Counts a resumed run adds to, which a damaged file must not make overflow.
    @Test func aTrainingStateWithImpossibleCountsIsRefused() throws {
        var checkpoint = try oneEpoch()
        checkpoint.training?.epochsWithoutImprovement = .max
        #expect(
            throws: refusal(
                "its training state is damaged (4 updates and 9223372036854775807 epochs without "
                    + "improvement at epoch 1)")
        ) { try self.trainer(epochs: 2).resume(from: checkpoint) }
        checkpoint.training?.epochsWithoutImprovement = 0
        checkpoint.training?.step = .max
        #expect(
            throws: refusal(
                "its training state is damaged (9223372036854775807 updates and 0 epochs without "
                    + "improvement at epoch 1)")
        ) { try self.trainer(epochs: 2).resume(from: checkpoint) }
    }

    @Test func aCheckpointWithoutTrainingStateIsRefused() throws {
        var generator = SeededGenerator(seed: 8)
        try Checkpoint(model: try spec.build(using: &generator), metadata: metadata).save(to: scratch.path("model.h5"))
        #expect(
            throws: refusal(
                "it holds no training state (an encoder, a model saved outside training, or a file of an "
                    + "older Latent), so the run cannot go on exactly")
        ) {
            try self.trainer(epochs: 2).resume(from: try Checkpoint.load(from: self.scratch.path("model.h5")))
        }
    }

    func weightBits(_ model: any Layer) -> [[UInt32]] { model.stateTensors.map { $0.tensor.scalars.map(\.bitPattern) } }

    /// The state as h5py reads it, at the paths `Checkpoint` documents; and damaged state is refused by name.
    @Test(.enabled(if: Python.has("h5py"), "needs h5py"))
    func h5pyReadsTheStateAndDamagedStateIsRefused() throws {
        let trainer = try trainer(epochs: 1, freeze: "head")
        try fit(trainer)
        let path = scratch.path("model.h5")
        let words = try #require(trainer.model.namedGenerators["hidden.2.generator"]).stateWords
        let read = try Python.run(
            """
            import sys, h5py
            f = h5py.File(sys.argv[1], "r")
            t = f["/training"]
            print(t.attrs["step"], t.attrs["batch_size"], t.attrs["epochs_without_improvement"],
                  t.attrs["best_validation_loss"])
            print(f.attrs["frozen"].decode(), f["/training/loss_generator"].dtype)
            print(" ".join(str(w) for w in f["/generators/hidden/2/generator"][()]))
            """, arguments: [path])
        #expect(
            read == "4 32 0 inf\n[\"head.weight\",\"head.bias\"] uint64\n"
                + words.map(String.init).joined(separator: " ") + "\n")
        try Python.run(
            """
            import sys, h5py
            with h5py.File(sys.argv[1], "a") as f:
                f["/generators/hidden/2/generator"][...] = 0
            """, arguments: [path])
        let zeros = "\(path): /generators/hidden/2/generator is all zeros, not the state of a random generator"
        #expect(throws: LatentError(zeros)) { try Checkpoint.load(from: path) }
        try Python.run(
            """
            import sys, h5py
            with h5py.File(sys.argv[1], "a") as f:
                del f["/generators/hidden/2/generator"]
                f["/generators/hidden/2/generator"] = [1.0, 2.0, 3.0, 4.0]
            """, arguments: [path])
        #expect(throws: LatentError("\(path): dataset /generators/hidden/2/generator is float64 (4), not uint64 (4)")) {
            try Checkpoint.load(from: path)
        }
        try Python.run(
            """
            import sys, h5py, numpy
            with h5py.File(sys.argv[1], "a") as f:
                del f["/generators/hidden/2/generator"]
                f["/generators/hidden/2/generator"] = numpy.array([1, 2, 3, 4], dtype=numpy.uint64)
                del f["/training"].attrs["batch_size"]
            """, arguments: [path])
        #expect(throws: LatentError("\(path): /training has no attribute batch_size")) {
            try Checkpoint.load(from: path)
        }
    }
}
