import ArgumentParser
import LatentCore
import LatentModels
import LatentNN

/// `latent bench classifier`: protocol P5, the CNN on all 10 classes beside logistic regression on pixels.
struct ClassifierBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "classifier", abstract: "P5: the CNN and logistic regression on 10 classes.")

    @OptionGroup var options: ProtocolOptions

    @Option(parsing: .unconditional, help: "Epochs for logistic regression (Adam, batch 128).")
    var logisticEpochs = 20

    func validate() throws {
        try OptionChecks.require(logisticEpochs, in: 1...OptionChecks.largestCount, "--logistic-epochs")
    }

    func run() throws {
        let (train, test) = try options.load()
        let epochs = options.epochs(default: 5)
        var generator = SeededGenerator(seed: options.seed)
        let cnn = try ClassifierArchitecture.cnn.spec(classes: 10).build(using: &generator)
        KernelClock.isEnabled = true
        KernelClock.reset()
        let reports = try ClassifierTraining.train(
            cnn, on: train,
            options: TrainingOptions(
                epochs: epochs, batchSize: 128, seed: options.seed, showsProgress: true))
        KernelClock.isEnabled = false
        let later = reports.count > 1 ? Array(reports.dropFirst()) : reports
        let throughput = later.map(\.samplesPerSecond).sorted()[later.count / 2]
        let sgemmShare = KernelClock.total(.sgemm) / reports.map(\.seconds).reduce(0, +)
        let accuracy = Classification.accuracy(cnn, on: test)
        let logistic = try ClassifierArchitecture.logistic.spec(classes: 10).build(using: &generator)
        let logisticAccuracy =
            try ClassifierTraining.fit(
                logistic, train: train, test: test,
                options: TrainingOptions(
                    epochs: options.quick ? 1 : logisticEpochs, batchSize: 128, seed: options.seed)) ?? 0
        log(
            "P5: CNN test accuracy \(String(format: "%.4f", accuracy)) at \(String(format: "%.0f", throughput)) samples/s "
                + "(sgemm \(String(format: "%.0f", 100 * sgemmShare))%); logistic regression \(String(format: "%.4f", logisticAccuracy))"
        )
        printJSONLine(
            options.commonFields("P5") + [
                ("epochs", epochs), ("test_accuracy", accuracy), ("train_samples_per_second", throughput),
                ("logistic_test_accuracy", logisticAccuracy), ("sgemm_share", sgemmShare),
                ("train_loss_per_epoch", reports.map(\.trainLoss)),
            ])
    }
}

/// `latent bench transfer`: protocol P6, new categories from 100 labels each.
struct TransferBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "transfer", abstract: "P6: transfer from classes 0-4 to classes 5-9.")

    @OptionGroup var options: ProtocolOptions

    @Option(parsing: .unconditional, help: "Labelled train images per new class.")
    var perClass = 100

    func validate() throws {
        try OptionChecks.require(perClass, in: 1...OptionChecks.largestCount, "--per-class")
    }

    func run() throws {
        let (train, test) = try options.load()
        var experiment = TransferExperiment()
        experiment.seed = options.seed
        experiment.pretrainEpochs = options.epochs(default: 5)
        experiment.headEpochs = options.quick ? 2 : 50
        experiment.showsProgress = false
        log("P6: pretraining the CNN on classes 0-4 for \(experiment.pretrainEpochs) epochs")
        let pretrained = try experiment.pretrain(train)
        log("P6: \(perClass) labels per new class, \(experiment.headEpochs) epochs per head")
        let results = try experiment.run(
            pretrained: pretrained, train: train, test: test, perClass: min(perClass, options.quick ? 50 : perClass))
        log(
            String(
                format:
                    "P6: cut B %.4f, cut A %.4f, fine-tune last two %.4f, scratch %.4f, logistic %.4f, 1-NN features %.4f, 1-NN pixels %.4f",
                results.frozenHead, results.frozenConvolutions, results.fineTuneLastTwo, results.scratch,
                results.logisticOnPixels,
                results.oneNearestNeighbourOnFeatures, results.oneNearestNeighbourOnPixels))
        printJSONLine(
            options.commonFields("P6") + [
                ("per_class", results.perClass), ("frozen_head_accuracy", results.frozenHead),
                ("frozen_conv_accuracy", results.frozenConvolutions),
                ("finetune_last_two_accuracy", results.fineTuneLastTwo),
                ("scratch_accuracy", results.scratch), ("logistic_accuracy", results.logisticOnPixels),
                ("one_nn_feature_accuracy", results.oneNearestNeighbourOnFeatures),
                ("one_nn_pixel_accuracy", results.oneNearestNeighbourOnPixels),
            ])
    }
}
