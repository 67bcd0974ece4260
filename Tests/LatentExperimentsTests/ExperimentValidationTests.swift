import Foundation
import LatentCore
import LatentExperiments
import Testing

/// Every mistake in an experiment file is refused before anything runs, with the file, the line or key
/// path and the value in the message.
@Suite struct ExperimentValidationTests {
    let scratch: ExperimentScratch
    init() throws { scratch = try ExperimentScratch() }

    struct Mistake: CustomTestStringConvertible, Sendable {
        /// A line of `validExperiment` and what replaces it.
        let line: String
        let replacement: String
        /// Words the message must contain, besides the file's path.
        let words: [String]
        var testDescription: String { replacement.isEmpty ? "without \(line)" : replacement }
    }

    static let mistakes: [Mistake] = [
        .init(
            line: "training: {epochs: 1, batch_size: 16, learning_rate: 0.001}",
            replacement: "training: {epochs: 1, learnin_rate: 0.1}",
            words: ["e.yaml:8: training.learnin_rate: unknown key", "did you mean training.learning_rate?"]),
        .init(
            line: "seed: 0", replacement: "seed: 0\nepochs: 3",
            words: [":7: epochs: unknown key", "did you mean training.epochs?"]),
        .init(
            line: "seed: 0", replacement: "seed: 0\nfavourite_colour: blue",
            words: ["favourite_colour: unknown key", "the keys here are name, question, kind"]),
        .init(line: "seed: 0", replacement: "seed: 0\nseed: 1", words: [":7: seed: duplicate key (first at line 6)"]),
        .init(
            line: "training: {epochs: 1, batch_size: 16, learning_rate: 0.001}",
            replacement: "training: {epochs: 1, epochs: 2}",
            words: ["training.epochs: duplicate key"]),
        .init(
            line: "training: {epochs: 1, batch_size: 16, learning_rate: 0.001}",
            replacement: "training: {learning_rate: -0.1}",
            words: ["training.learning_rate", "above 0", "\"-0.1\""]),
        .init(
            line: "training: {epochs: 1, batch_size: 16, learning_rate: 0.001}",
            replacement: "training: {learning_rate: 0}",
            words: ["training.learning_rate", "above 0", "\"0\""]),
        .init(
            line: "training: {epochs: 1, batch_size: 16, learning_rate: 0.001}",
            replacement: "training: {learning_rate: .nan}",
            words: ["training.learning_rate", "finite", "\".nan\""]),
        .init(
            line: "training: {epochs: 1, batch_size: 16, learning_rate: 0.001}", replacement: "training: {epochs: 0}",
            words: ["training.epochs: must be between 1 and 10000, got 0"]),
        .init(
            line: "training: {epochs: 1, batch_size: 16, learning_rate: 0.001}", replacement: "training: {epochs: -3}",
            words: ["training.epochs: must be between 1 and 10000, got -3"]),
        .init(
            line: "training: {epochs: 1, batch_size: 16, learning_rate: 0.001}",
            replacement: "training: {epochs: many}",
            words: ["training.epochs: expected a whole number, got \"many\""]),
        .init(
            line: "training: {epochs: 1, batch_size: 16, learning_rate: 0.001}", replacement: "training:\n  epochs:",
            words: [":9: training.epochs: no value given"]),
        .init(
            line: "training: {epochs: 1, batch_size: 16, learning_rate: 0.001}",
            replacement: "training: {batch_size: 9223372036854775807}",
            words: ["training.batch_size: must be between 1 and 1000000, got 9223372036854775807"]),
        .init(
            line: "training: {epochs: 1, batch_size: 16, learning_rate: 0.001}", replacement: "training: [1, 2]",
            words: [
                "training: expected keys (epochs, batch_size, learning_rate, schedule, warmup_epochs, weight_decay, "
                    + "augment, binarise), got a list"
            ]),
        .init(
            line: "training: {epochs: 1, batch_size: 16, learning_rate: 0.001}",
            replacement: "training: {epochs: 2, warmup_epochs: 2}",
            words: ["training.warmup_epochs: 2 leaves no epoch after the warm-up (training.epochs is 2)"]),
        .init(
            line: "training: {epochs: 1, batch_size: 16, learning_rate: 0.001}",
            replacement: "training: {augment: \"crop:0.5,jpeg:300\"}",
            words: ["training.augment: jpeg quality must be 1-100, got 300"]),
        .init(
            line: "training: {epochs: 1, batch_size: 16, learning_rate: 0.001}",
            replacement: "training: {schedule: cosin}",
            words: ["training.schedule: \"cosin\" is not one of constant, cosine; did you mean cosine?"]),
        .init(
            line: "training: {epochs: 1, batch_size: 16, learning_rate: 0.001}",
            replacement: "training: {weight_decay: -0.1}",
            words: ["training.weight_decay: expected a finite number of at least 0"]),
        .init(
            line: "model: {arch: dense, code: 4}", replacement: "model: {arch: conv, code: 4, normalisation: batch}",
            words: ["model.normalisation: batch is for the dense and deep autoencoders, not conv"]),
        .init(
            line: "seed: 0", replacement: "seed: 0\nseeds: [0, 1]", words: [":7: seeds: give seed or seeds, not both"]),
        .init(line: "seed: 0", replacement: "seeds: [1, 1]", words: ["seeds: lists \"1\" twice"]),
        .init(
            line: "model: {arch: dense, code: 4}", replacement: "model: {code: 0}",
            words: ["model.code: must be at least 1, got 0"]),
        .init(
            line: "model: {arch: dense, code: 4}", replacement: "model: {arch: densee}",
            words: [
                "model.arch: \"densee\" is not one of dense, deep, conv, variational, burda, unet, vqvae, shallow; "
                    + "did you mean dense?"
            ]),
        .init(
            line: "model: {arch: dense, code: 4}", replacement: "model: {codes: [8, 16]}",
            words: ["model.codes: kind autoencoder does not read this key", "model.code"]),
        .init(
            line: "model: {arch: dense, code: 4}", replacement: "model: {denoise: \"blur:0.2\"}",
            words: ["model.denoise", "gaussian:STD or mask:FRACTION", "blur:0.2"]),
        .init(
            line: "model: {arch: dense, code: 4}", replacement: "model: {sparsity: -1}",
            words: ["model.sparsity: expected a finite number of at least 0, got \"-1\""]),
        .init(
            line: "evaluation: {queries: [0], neighbours: 3}", replacement: "evaluation: {queries: [-1]}",
            words: ["evaluation.queries: must be at least 0, got -1"]),
        .init(
            line: "evaluation: {queries: [0], neighbours: 3}", replacement: "evaluation: {queries: []}",
            words: ["evaluation.queries: the list is empty"]),
        .init(
            line: "evaluation: {queries: [0], neighbours: 3}", replacement: "evaluation: {queries: [2, 2]}",
            words: ["evaluation.queries: lists \"2\" twice"]),
        .init(
            line: "evaluation: {queries: [0], neighbours: 3}", replacement: "evaluation: {queries: 3}",
            words: ["evaluation.queries: expected a list such as [1, 2], got \"3\""]),
        .init(
            line: "evaluation: {queries: [0], neighbours: 3}", replacement: "evaluation: {neighbours: 0}",
            words: ["evaluation.neighbours: must be between 1 and 1000, got 0"]),
        .init(line: "name: tiny", replacement: "name: ../../x", words: [":1: name: \"../../x\" is not a plain name"]),
        .init(line: "name: tiny", replacement: "name: runs/x", words: ["name: \"runs/x\" is not a plain name"]),
        .init(line: "name: tiny", replacement: "name: .hidden", words: ["name: \".hidden\" is not a plain name"]),
        .init(
            line: "name: tiny", replacement: "",
            words: ["name: missing; every experiment needs name, question, kind, dataset, seed"]),
        .init(line: "question: Does it run?", replacement: "question: \"  \"", words: ["question: expected text"]),
        .init(
            line: "kind: autoencoder", replacement: "kind: dream",
            words: ["kind: \"dream\" is not one of autoencoder, comparison, transfer, per-category"]),
        .init(line: "kind: autoencoder", replacement: "kind: autoencodr", words: ["did you mean autoencoder?"]),
        .init(
            line: "dataset: fashion-mnist", replacement: "dataset: cifar",
            words: ["dataset: \"cifar\" is not one of fashion-mnist, mnist"]),
        .init(
            line: "seed: 0", replacement: "seed: -1",
            words: ["seed: expected a whole number from 0 to 18446744073709551615, got \"-1\""]),
        .init(
            line: "seed: 0", replacement: "seed: 0\n[a, b]: c", words: [":7: a key must be a plain word, not a list"]),
        .init(line: "name: tiny", replacement: "name: [unclosed", words: ["not valid YAML: line"]),
    ]

    @Test(arguments: mistakes)
    func mistakeIsNamed(_ mistake: Mistake) throws {
        #expect(validExperiment.contains(mistake.line))
        let path = try scratch.write(validExperiment.replacingOccurrences(of: mistake.line, with: mistake.replacement))
        let error = try #require(throws: LatentError.self) { try Experiment.load(from: path) }
        #expect(error.description.hasPrefix(path))
        for word in mistake.words { #expect(error.description.contains(word), "\(error) lacks \(word)") }
        #expect(!error.description.contains("\n"))
    }

    @Test func perCategoryShowsOneQuery() throws {
        let path = try scratch.write(
            validExperiment.replacingOccurrences(of: "kind: autoencoder", with: "kind: per-category")
                .replacingOccurrences(of: "model: {arch: dense, code: 4}\n", with: "")
                .replacingOccurrences(of: "queries: [0]", with: "queries: [0, 1]"))
        #expect(
            throws: LatentError(
                "\(path):8: evaluation.queries: kind per-category shows one query image; list one, not 2")
        ) {
            try Experiment.load(from: path)
        }
    }

    @Test func seedsAreForTheKindsThatRepeatRuns() throws {
        let path = try scratch.write(
            validExperiment.replacingOccurrences(of: "kind: autoencoder", with: "kind: per-category")
                .replacingOccurrences(of: "model: {arch: dense, code: 4}\n", with: "")
                .replacingOccurrences(of: "seed: 0", with: "seeds: [0, 1]"))
        let error = try #require(throws: LatentError.self) { try Experiment.load(from: path) }
        #expect(
            error.description.contains(
                ":6: seeds: kind per-category runs one seed; give seed (several seeds: autoencoder, comparison"))
    }

    /// Kind classifier reads model.arch as a classifier's architecture, and no autoencoder key.
    @Test func aClassifierArchitectureIsNamedByModelArch() throws {
        let classifier = "name: c\nquestion: q\nkind: classifier\ndataset: fashion-mnist\nseed: 0\n"
        let misspelt = try scratch.write(classifier + "model: {arch: resnt}\n")
        #expect(
            throws: LatentError(
                "\(misspelt):6: model.arch: \"resnt\" is not one of logistic, mlp, cnn, resnet; did you mean resnet?")
        ) {
            try Experiment.load(from: misspelt)
        }
        let autoencoder = try scratch.write(classifier + "model: {arch: dense}\n")
        #expect(throws: LatentError("\(autoencoder):6: model.arch: \"dense\" is not one of logistic, mlp, cnn, resnet"))
        {
            try Experiment.load(from: autoencoder)
        }
        let code = try scratch.write(classifier + "model: {arch: cnn, code: 8}\n")
        let error = try #require(throws: LatentError.self) { try Experiment.load(from: code) }
        #expect(error.description.contains("model.code: kind classifier does not read this key"))
        let resnet = try scratch.write(classifier + "model: {arch: resnet}\ntraining: {epochs: 2, warmup_epochs: 2}\n")
        #expect(
            throws: LatentError(
                "\(resnet): training.warmup_epochs: 2 leaves no epoch after the warm-up (training.epochs is 2); "
                    + "use fewer warm-up epochs")
        ) {
            try Experiment.load(from: resnet)
        }
        // An autoencoder experiment still names the autoencoders.
        let unet = try scratch.write(validExperiment.replacingOccurrences(of: "arch: dense", with: "arch: resnet"))
        let refused = try #require(throws: LatentError.self) { try Experiment.load(from: unet) }
        #expect(
            refused.description.contains(
                "model.arch: \"resnet\" is not one of dense, deep, conv, variational, burda, unet, vqvae, shallow"))
    }

    @Test func seedsReplaceTheSeed() throws {
        let path = try scratch.write(validExperiment.replacingOccurrences(of: "seed: 0", with: "seeds: [3, 1, 2]"))
        let (experiment, _) = try Experiment.load(from: path)
        #expect(experiment.seeds == [3, 1, 2] && experiment.seed == 3)
        let single = try Experiment.load(from: try scratch.write(validExperiment)).experiment
        #expect(single.seeds == [0])
    }

    @Test func theValidExperimentLoads() throws {
        let (experiment, text) = try Experiment.load(from: try scratch.write(validExperiment))
        #expect(experiment.name == "tiny" && experiment.model?.code == 4 && experiment.training?.batchSize == 16)
        #expect(experiment.evaluation?.neighbours == 3 && text == validExperiment)
    }
}
