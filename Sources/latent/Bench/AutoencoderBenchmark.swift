import ArgumentParser
import Foundation
import LatentCore
import LatentExperiments
import LatentModels

/// Protocols P3 (dense) and P4 (convolutional): train 10 epochs, then reconstruction and retrieval beside PCA-32.
struct AutoencoderProtocol {
    let name: String
    let architecture: AutoencoderArchitecture
    let options: ProtocolOptions

    func run() throws {
        let (train, test) = try options.load()
        let epochs = options.epochs(default: 10)
        let pipeline = AutoencoderPipeline(
            architecture: architecture, codeSize: 32,
            training: TrainingOptions(
                epochs: epochs, batchSize: 128, seed: options.seed, showsProgress: true))
        log("\(name): \(architecture.rawValue) autoencoder, code 32, \(epochs) epochs, batch 128, Adam 1e-3")
        KernelClock.isEnabled = true
        KernelClock.reset()
        let (autoencoder, reports) = try pipeline.trainAutoencoder(train, validation: nil, output: nil, log: log)
        KernelClock.isEnabled = false
        let trainingSeconds = reports.map(\.seconds).reduce(0, +)
        // Throughput of a full epoch after the first (warm-up) one: the median over the later epochs.
        let later = reports.count > 1 ? Array(reports.dropFirst()) : reports
        let throughput = later.map(\.samplesPerSecond).sorted()[later.count / 2]
        let encodeSeconds = medianSeconds(repetitions: options.repetitions) { _ = autoencoder.encode(test.images) }
        let trained = try pipeline.measure(autoencoder, reports: reports, train: train, test: test)
        let pca = try CodeComparison.pca(codeSize: 32, train: train, test: test)
        let (mse, figures, pcaMSE, pcaFigures) = (trained.testMSE, trained.figures, pca.testMSE, pca.figures)
        let sgemmShare = KernelClock.total(.sgemm) / trainingSeconds
        log(
            "\(name): \(String(format: "%.0f", throughput)) samples/s training (sgemm \(String(format: "%.0f", 100 * sgemmShare))% of training time), "
                + "test MSE \(String(format: "%.5f", mse)) (PCA-32 \(String(format: "%.5f", pcaMSE))), "
                + "P@10 \(String(format: "%.3f", figures.precisionAt10)) (PCA \(String(format: "%.3f", pcaFigures.precisionAt10)))"
        )
        printJSONLine(
            options.commonFields(name) + [
                ("epochs", epochs), ("train_samples_per_second", throughput),
                ("encode_samples_per_second", Double(test.count) / encodeSeconds), ("test_mse", mse),
                ("precision_at_10", figures.precisionAt10), ("one_nn_accuracy", figures.oneNearestNeighbourAccuracy),
                ("map_at_100", figures.meanAveragePrecisionAt100), ("pca_test_mse", pcaMSE),
                ("pca_precision_at_10", pcaFigures.precisionAt10),
                ("pca_map_at_100", pcaFigures.meanAveragePrecisionAt100),
                ("peak_rss_mb", ProcessMemory.peakResidentMegabytes), ("sgemm_share", sgemmShare),
                ("train_loss_per_epoch", reports.map(\.trainLoss)),
            ])
    }
}

/// `latent bench dense-ae`: protocol P3.
struct DenseAutoencoderBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dense-ae", abstract: "P3: the dense autoencoder beside PCA-32.")
    @OptionGroup var options: ProtocolOptions
    func run() throws { try AutoencoderProtocol(name: "P3", architecture: .dense, options: options).run() }
}

/// `latent bench conv-ae`: protocol P4.
struct ConvolutionalAutoencoderBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "conv-ae", abstract: "P4: the convolutional autoencoder beside PCA-32.")
    @OptionGroup var options: ProtocolOptions
    func run() throws { try AutoencoderProtocol(name: "P4", architecture: .conv, options: options).run() }
}
