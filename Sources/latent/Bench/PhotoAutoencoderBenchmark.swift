import ArgumentParser
import Foundation
import LatentCore
import LatentData
import LatentExperiments
import LatentModels

/// `latent bench photo-ae`: protocol P7, the convolutional autoencoder of the README's photo recipe on 64x64 RGB crops
/// of real photographs, and its encoder's inference at batch 1 and 256.
struct PhotoAutoencoderBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "photo-ae",
        abstract: "P7: the convolutional autoencoder on 64x64 RGB crops of real photos, and its encoder's inference.",
        discussion: """
            The first run cuts 22,000 crops (20,000 to train, the last 2,000 to test) from the photos in --photos and \
            writes them to --crops, which the peer scripts read too; later runs reuse that file.
            """)

    @Option(help: "A folder of real photographs to cut the crops from (needed when --crops does not exist yet).")
    var photos: String?

    @Option(help: "The crops file: read when it exists, else written from --photos.")
    var crops = "runs/benchmarks/p7-photos.h5"

    @Option(parsing: .unconditional, help: "Override the protocol's 3 epochs.")
    var epochs: Int?

    @Option(parsing: .unconditional, help: "Seed for the crops, initialisation and shuffling.")
    var seed: UInt64 = 0

    @Option(parsing: .unconditional, help: "Timed repetitions of each inference figure (the median is reported).")
    var repetitions = 3

    static let (trainCount, testCount, codeSize, batchSize) = (20_000, 2_000, 64, 64)

    func validate() throws {
        if let epochs { try OptionChecks.require(epochs, in: 1...OptionChecks.largestCount, "--epochs") }
        try OptionChecks.require(repetitions, in: 1...OptionChecks.largestCount, "--repetitions")
        if !FileManager.default.fileExists(atPath: crops), photos == nil {
            throw ValidationError(
                "--crops \(crops) does not exist yet: give --photos FOLDER to cut it from real photos")
        }
    }

    func run() throws {
        if !FileManager.default.fileExists(atPath: crops), let photos {
            try FileManager.default.createDirectory(
                at: URL(fileURLWithPath: crops).deletingLastPathComponent(), withIntermediateDirectories: true)
            try PhotoCrops.write(from: photos, count: Self.trainCount + Self.testCount, seed: seed, to: crops)
        }
        let all = try ImportedDataset(contentsOf: crops)
        guard all.count == Self.trainCount + Self.testCount, all.channels == 3, all.height == PhotoCrops.side else {
            throw ValidationError(
                "--crops \(crops) holds \(all.count) images of \(all.channels)x\(all.height)x\(all.width), not P7's "
                    + "\(Self.trainCount + Self.testCount) of 3x64x64; give another name to cut new crops")
        }
        let images = all.imageDataset()
        let train = images.selecting(Array(0..<Self.trainCount))
        let test = images.selecting(Array(Self.trainCount..<all.count))
        let epochs = epochs ?? 3
        let pipeline = AutoencoderPipeline(
            architecture: .conv, codeSize: Self.codeSize,
            training: TrainingOptions(epochs: epochs, batchSize: Self.batchSize, seed: seed, showsProgress: true))
        log("P7: conv autoencoder, code 64, \(epochs) epochs, batch 64, Adam 1e-3, on \(crops)")
        let (autoencoder, reports) = try pipeline.trainAutoencoder(train, validation: nil, output: nil, log: log)
        let later = reports.count > 1 ? Array(reports.dropFirst()) : reports
        let throughput = later.map(\.samplesPerSecond).sorted()[later.count / 2]
        let single = test.selecting(Array(0..<500)).images
        let batchOneSeconds = medianSeconds(repetitions: repetitions) { _ = autoencoder.encode(single, batchSize: 1) }
        let batchSeconds = medianSeconds(repetitions: repetitions) {
            _ = autoencoder.encode(test.images, batchSize: 256)
        }
        let mse = autoencoder.reconstructionError(test.images)
        log(
            "P7: \(String(format: "%.0f", throughput)) samples/s training, test MSE \(String(format: "%.5f", mse)), "
                + "encoder \(String(format: "%.0f", 500 / batchOneSeconds)) images/s at batch 1, "
                + "\(String(format: "%.0f", Double(test.count) / batchSeconds)) at batch 256")
        printJSONLine([
            ("protocol", "P7"), ("threads", BLAS.threads), ("blas", BLAS.configuration), ("seed", Int(seed)),
            ("dataset", "p7-photos"), ("epochs", epochs), ("train_samples_per_second", throughput),
            ("encode_batch1_images_per_second", 500 / batchOneSeconds),
            ("encode_batch256_images_per_second", Double(test.count) / batchSeconds), ("test_mse", mse),
            ("peak_rss_mb", ProcessMemory.peakResidentMegabytes), ("train_loss_per_epoch", reports.map(\.trainLoss)),
        ])
    }
}
