import ArgumentParser
import Foundation
import LatentData
import LatentModels
import Testing

@testable import LatentExperiments
@testable import latent

/// Each job's command against its table of names: every flag the argument parser declares is a row of the table, and
/// every row's flag is declared. (`LatentExperimentsTests` holds the experiment file's keys to the same table.)
@Suite struct SettingsFlagsTests {
    /// The long names of every option and flag `command` declares, hidden ones included, without `--help` and
    /// `--version` (every command's, from the root): the lines of its help that open with an option, one line each.
    static func flags(of command: ParsableCommand.Type) -> Set<String> {
        let lines = command.helpMessage(includeHidden: true, columns: 10_000).split(separator: "\n")
        return Set(
            lines.compactMap { line -> String? in
                // "  --code <code>   Code size." or "  -h, --help   Show help information."
                guard line.hasPrefix("  -"), !line.hasPrefix("   ") else { return nil }
                let words = line.split(separator: " ").map { String($0.trimmingCharacters(in: [","])) }
                return words.first { $0.hasPrefix("--") }
            }
        ).subtracting(["--help", "--version"])
    }

    @Test func theHelpReaderFindsFlags() {
        #expect(Self.flags(of: TrainAutoencoder.self).isSuperset(of: ["--code", "--epochs", "--resume", "--dataset"]))
    }

    @Test func everyTrainAutoencoderFlagHasARowAndEveryRowAFlag() {
        let declared = Self.flags(of: TrainAutoencoder.self)
        let table = Set(AutoencoderSettings.names.compactMap(\.flag))
        let missing = declared.subtracting(table)
        let extra = table.subtracting(declared)
        #expect(declared == table, "flags without a row: \(missing); rows without a flag: \(extra)")
    }

    @Test func everyTrainClassifierFlagHasARowAndEveryRowAFlag() {
        let declared = Self.flags(of: TrainClassifier.self)
        let table = Set(ClassifierSettings.names.compactMap(\.flag))
        let missing = declared.subtracting(table)
        let extra = table.subtracting(declared)
        #expect(declared == table, "flags without a row: \(missing); rows without a flag: \(extra)")
    }

    /// The flags decode into the settings an experiment file with the deep-autoencoder recipe gives.
    @Test func theDeepAutoencoderRecipeFromFlags() throws {
        let command = try TrainAutoencoder.parse([
            "--arch", "deep", "--code", "30", "--normalisation", "batch", "--epochs", "40", "--batch-size", "128",
            "--learning-rate", "0.003", "--schedule", "cosine", "--warmup-epochs", "1", "--weight-decay", "0.05",
            "--queries", "0", "--neighbours", "5", "--dataset", "mnist", "--seed", "2",
        ])
        let settings = try command.settings()
        #expect(settings.architecture == .deep && settings.codeSize == 30 && settings.normalisation == .batch)
        #expect(
            settings.training
                == TrainingSettings(
                    epochs: 40, batchSize: 128, seed: 2, learningRate: 0.003,
                    schedule: .cosine, warmupEpochs: 1, weightDecay: 0.05))
        #expect(settings.queries == [0] && settings.neighbours == 5)
    }

    /// The flags that experiments/resnet-fashion-mnist.yaml's comment gives decode into the settings its keys give.
    @Test func theResNetRecipeFromFlagsIsItsFile() throws {
        let command = try TrainClassifier.parse([
            "--arch", "resnet", "--dataset", "fashion-mnist", "--epochs", "3", "--batch-size", "128",
            "--learning-rate", "0.003", "--schedule", "cosine", "--warmup-epochs", "1", "--weight-decay", "0.01",
            "--seed", "0",
        ])
        let repository = #filePath.split(separator: "/").dropLast(3).joined(separator: "/")
        let (experiment, _) = try Experiment.load(from: "/\(repository)/experiments/resnet-fashion-mnist.yaml")
        let fromFile = try ClassifierSettings(experiment)
        #expect(command.settings == fromFile)
        #expect(command.settings.architecture == .resnet && command.settings.training.weightDecay == 0.01)
        #expect(command.data.dataset.rawValue == experiment.dataset?.rawValue)
    }
}

/// `--augment` and `training.augment`: one setting, two front ends, refused in each one's words.
@Suite struct AugmentSettingTests {
    @Test func theFlagAndTheKeyGiveTheSameAugmentation() throws {
        let spec = "crop:0.5,flip,jitter:0.4,grey:0.2,blur:1.5,jpeg:40"
        let classifier = try TrainClassifier.parse(["--arch", "cnn", "--augment", spec, "--seed", "4"])
        let autoencoder = try TrainAutoencoder.parse(["--augment", spec, "--seed", "4"])
        let expected = try Augmentation(parsing: spec)
        #expect(classifier.settings.training.augmentation == expected)
        #expect(try autoencoder.settings().training.augmentation == expected)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("augment-\(getpid())").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/augmented.yaml"
        try """
        name: augmented
        question: does augmentation help?
        kind: classifier
        dataset: fashion-mnist
        seed: 4
        model: {arch: cnn}
        training: {epochs: 5, augment: "\(spec)"}
        """.write(toFile: path, atomically: true, encoding: .utf8)
        let (experiment, _) = try Experiment.load(from: path)
        #expect(try ClassifierSettings(experiment) == classifier.settings)
        #expect(try TrainClassifier.parse(["--arch", "cnn", "--seed", "4"]).settings.training.augmentation == nil)
    }

    @Test func aBadSpecIsRefusedByTheFlag() {
        do {
            _ = try TrainAutoencoder.parse(["--augment", "crop:0.5,jpeg:300"])
            Issue.record("--augment jpeg:300 was accepted")
        } catch {
            #expect(TrainAutoencoder.message(for: error) == "--augment: jpeg quality must be 1-100, got 300")
        }
    }
}
