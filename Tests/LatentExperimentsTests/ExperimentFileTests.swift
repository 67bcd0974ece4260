import Foundation
import LatentCore
import LatentData
import LatentExperiments
import LatentNN
import LatentTestSupport
import Testing

@Suite struct ExperimentFileTests {
    let scratch: ExperimentScratch
    init() throws { scratch = try ExperimentScratch() }

    func write(_ text: String) throws -> String { try scratch.write(text) }

    @Test(arguments: [
        "mnist-autoencoder", "deep-autoencoder", "pca-vs-autoencoders", "transfer-new-categories",
        "per-category-retrieval",
        "visual-product-search", "resnet-fashion-mnist",
    ])
    func everyCommittedExperimentParses(name: String) throws {
        let path = (TestData.repositoryRoot as NSString).appendingPathComponent("experiments/\(name).yaml")
        let (experiment, _) = try Experiment.load(from: path)
        #expect(experiment.name == name)
        #expect(!experiment.question.isEmpty)
    }

    @Test func fieldsAndDefaultsAreRead() throws {
        let (experiment, text) = try Experiment.load(
            from: try write(
                """
                name: tiny
                question: Does it parse?
                kind: autoencoder
                dataset: mnist
                seed: 3
                model: {arch: conv, code: 8, denoise: "mask:0.2"}
                training: {epochs: 2}
                """))
        #expect(experiment.kind == .autoencoder && experiment.dataset == .mnist && experiment.seed == 3)
        #expect(
            experiment.model?.arch == "conv" && experiment.model?.code == 8 && experiment.model?.denoise == "mask:0.2")
        #expect(
            experiment.training?.epochs == 2 && experiment.training?.batchSize == 128
                && experiment.training?.learningRate == 1e-3)
        #expect(text.contains("Does it parse?"))
    }

    @Test func recipeKeysMakeTheLearningRateSchedule() throws {
        let (experiment, _) = try Experiment.load(
            from: try write(
                """
                name: tiny
                question: Does it parse?
                kind: autoencoder
                dataset: mnist
                seed: 3
                model: {arch: deep, code: 30, normalisation: batch}
                training: {epochs: 10, learning_rate: 0.01, schedule: cosine, warmup_epochs: 2, weight_decay: 0.0001}
                """))
        let training = try #require(experiment.training)
        #expect(experiment.model?.normalisation == "batch" && training.weightDecay == 0.0001)
        // Five updates an epoch: ten of warm-up, then forty of cosine down to zero.
        let schedule = try #require(training.learningRateSchedule(stepsPerEpoch: 5))
        #expect(schedule == .warmup(steps: 10, then: .cosine(rate: 0.01, totalSteps: 40)))
        #expect(abs(schedule.rate(atStep: 4) - 0.005) < 1e-9)
        #expect(schedule.rate(atStep: 10) == 0.01)
        #expect(abs(schedule.rate(atStep: 30) - 0.005) < 1e-6)
        #expect(abs(schedule.rate(atStep: 49)) < 1e-4 && abs(schedule.rate(atStep: 50)) < 1e-9)
        // The defaults keep the rate constant: no schedule at all.
        #expect(Experiment.Training().learningRateSchedule(stepsPerEpoch: 5) == nil)
    }

    @Test func errorsNameTheFileAndTheField() throws {
        let missing = try write("name: x\nkind: autoencoder\ndataset: mnist\nseed: 0\n")
        #expect(
            throws: LatentError(
                "\(missing): question: missing; every experiment needs name, question, kind, dataset, seed")
        ) {
            try Experiment.load(from: missing)
        }
        let badKind = try write("name: x\nquestion: q\nkind: dream\ndataset: mnist\nseed: 0\n")
        #expect(
            throws: LatentError(
                "\(badKind):3: kind: \"dream\" is not one of autoencoder, comparison, transfer, per-category, visual-search, "
                    + "classifier, near-duplicate, likelihood, zoo"
            )
        ) {
            try Experiment.load(from: badKind)
        }
        #expect(throws: LatentError("/nonexistent.yaml: no such experiment file")) {
            try Experiment.load(from: "/nonexistent.yaml")
        }
    }
}
