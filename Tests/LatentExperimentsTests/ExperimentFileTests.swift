import Foundation
import LatentData
import LatentExperiments
import LatentTestSupport
import Testing

@Suite struct ExperimentFileTests {
    let directory: String
    init() throws { directory = try TestData.scratchDirectory() }

    func write(_ text: String) throws -> String {
        let path = (directory as NSString).appendingPathComponent("e.yaml")
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test(arguments: ["mnist-autoencoder", "deep-autoencoder", "pca-vs-autoencoders", "transfer-new-categories", "per-category-retrieval"])
    func everyCommittedExperimentParses(name: String) throws {
        let path = (TestData.repositoryRoot as NSString).appendingPathComponent("experiments/\(name).yaml")
        let (experiment, _) = try Experiment.load(from: path)
        #expect(experiment.name == name)
        #expect(!experiment.question.isEmpty)
    }

    @Test func fieldsAndDefaultsAreRead() throws {
        let (experiment, text) = try Experiment.load(from: try write("""
            name: tiny
            question: Does it parse?
            kind: autoencoder
            dataset: mnist
            seed: 3
            model: {arch: conv, code: 8, denoise: "mask:0.2"}
            training: {epochs: 2}
            """))
        #expect(experiment.kind == .autoencoder && experiment.dataset == .mnist && experiment.seed == 3)
        #expect(experiment.model?.arch == "conv" && experiment.model?.code == 8 && experiment.model?.denoise == "mask:0.2")
        #expect(experiment.training?.epochs == 2 && experiment.training?.batchSize == 128 && experiment.training?.learningRate == 1e-3)
        #expect(text.contains("Does it parse?"))
    }

    @Test func errorsNameTheFileAndTheField() throws {
        let missing = try write("name: x\nkind: autoencoder\ndataset: mnist\nseed: 0\n")
        #expect(throws: ExperimentError("\(missing): missing field question")) { try Experiment.load(from: missing) }
        let badKind = try write("name: x\nquestion: q\nkind: dream\ndataset: mnist\nseed: 0\n")
        #expect {
            try Experiment.load(from: badKind)
        } throws: { error in
            "\(error)".hasPrefix("\(badKind): field kind") && "\(error)".contains("dream")
        }
        let badEpochs = try write("name: x\nquestion: q\nkind: autoencoder\ndataset: mnist\nseed: 0\ntraining: {epochs: many}\n")
        #expect {
            try Experiment.load(from: badEpochs)
        } throws: { error in
            "\(error)".hasPrefix("\(badEpochs): field training.epochs")
        }
        #expect(throws: ExperimentError("/nonexistent.yaml: cannot read the experiment file")) { try Experiment.load(from: "/nonexistent.yaml") }
    }
}
