import LatentCore
import LatentModels
import Testing

@testable import LatentExperiments

/// Each job's table of names against the experiment file's side: every key an experiment of its kind reads has a
/// row, and every row's key is one the schema knows. (`LatentCLITests` holds the flags to the tables.)
@Suite struct SettingsNamesTests {
    /// The kinds of experiment that run a job with a table of names, and the table.
    static let jobs: [(kind: Experiment.Kind, names: [SettingName])] = [
        (.autoencoder, AutoencoderSettings.names), (.classifier, ClassifierSettings.names),
    ]

    /// The top-level keys of an experiment file and the section keys `kind` reads.
    static func keys(of kind: Experiment.Kind) -> Set<String> {
        let topLevel = ExperimentSchema.fields.compactMap { field -> String? in
            if case .section = field.value { return nil }
            let read = ExperimentSchema.topKeysRead(by: kind)
            return !ExperimentSchema.kindSpecificKeys.contains(field.key) || read.contains(field.key) ? field.key : nil
        }
        return Set(topLevel + ExperimentSchema.keysRead(by: kind))
    }

    @Test(arguments: jobs.indices)
    func everyKeyHasARowAndEveryRowAKey(_ job: Int) {
        let (kind, names) = Self.jobs[job]
        let tableKeys = Set(names.compactMap(\.keyPath))
        let schemaKeys = Self.keys(of: kind)
        let missing = schemaKeys.subtracting(tableKeys)
        let extra = tableKeys.subtracting(schemaKeys)
        #expect(tableKeys == schemaKeys, "\(kind): keys without a row: \(missing); rows without a key: \(extra)")
    }

    @Test(arguments: jobs.indices)
    func aRowWithOneNameSaysWhy(_ job: Int) {
        let names = Self.jobs[job].names
        for row in names {
            #expect((row.keyPath != nil && row.flag != nil) == (row.reason == nil), "\(row)")
            #expect(row.keyPath != nil || row.flag != nil)
        }
        let flags = names.compactMap(\.flag)
        #expect(Set(flags).count == flags.count)
    }

    /// One rule, two front ends: the same settings refused in each one's words.
    @Test func aRuleNamesTheSettingAsTheFrontEndDoes() {
        var settings = AutoencoderSettings()
        settings.training.epochs = 2
        settings.training.warmupEpochs = 2
        #expect(
            throws: LatentError(
                "training.warmup_epochs: 2 leaves no epoch after the warm-up "
                    + "(training.epochs is 2); use fewer warm-up epochs")
        ) {
            try settings.check(names: .experimentFile)
        }
        #expect(
            throws: LatentError(
                "--warmup-epochs 2 leaves no epoch after the warm-up (--epochs is 2); use fewer "
                    + "warm-up epochs")
        ) {
            try settings.check(names: AutoencoderSettings.commandLineNames)
        }
        settings.training.warmupEpochs = 0
        settings.architecture = .conv
        settings.normalisation = .batch
        #expect(throws: LatentError("--normalisation batch is for the dense and deep autoencoders, not conv")) {
            try settings.check(names: AutoencoderSettings.commandLineNames)
        }
    }

    @Test func batchesMustSplitEvenlyAmongProcesses() {
        let settings = TrainingSettings(batchSize: 33)
        #expect(
            throws: LatentError(
                "--batch-size 33 is not divisible by the 2 processes of the mpirun job; each "
                    + "process takes an equal share of every batch")
        ) {
            try settings.checkShares(processes: 2, names: .commandLine(TrainingSettings.names))
        }
        #expect(throws: Never.self) { try settings.checkShares(processes: 3, trainCount: 3, names: .experimentFile) }
        #expect(
            throws: LatentError(
                "the 2 train images are fewer than the 3 processes of the mpirun job; run fewer "
                    + "processes")
        ) {
            try settings.checkShares(processes: 3, trainCount: 2, names: .experimentFile)
        }
    }
}

/// The deep-autoencoder recipe as its experiment file gives it; `LatentCLITests` decodes the same from flags.
@Suite struct RecipeSettingsTests {
    @Test func theDeepAutoencoderRecipeFromItsFile() throws {
        let repository = #filePath.split(separator: "/").dropLast(3).joined(separator: "/")
        let (experiment, _) = try Experiment.load(from: "/\(repository)/experiments/deep-autoencoder.yaml")
        let settings = try AutoencoderSettings(experiment)
        #expect(settings.architecture == .deep && settings.codeSize == 30 && settings.normalisation == .batch)
        #expect(
            settings.training
                == TrainingSettings(
                    epochs: 40, batchSize: 128, seed: 0, learningRate: 0.003,
                    schedule: .cosine, warmupEpochs: 1, weightDecay: 0.05))
        #expect(settings.queries == [0] && settings.neighbours == 5)
    }

    /// The ResNet recipe as its experiment file gives it; `LatentCLITests` decodes the same from flags.
    @Test func theResNetRecipeFromItsFile() throws {
        let repository = #filePath.split(separator: "/").dropLast(3).joined(separator: "/")
        let (experiment, _) = try Experiment.load(from: "/\(repository)/experiments/resnet-fashion-mnist.yaml")
        let settings = try ClassifierSettings(experiment)
        #expect(settings.architecture == .resnet)
        #expect(
            settings.training
                == TrainingSettings(
                    epochs: 3, batchSize: 128, seed: 0, learningRate: 0.003,
                    schedule: .cosine, warmupEpochs: 1, weightDecay: 0.01))
    }
}
