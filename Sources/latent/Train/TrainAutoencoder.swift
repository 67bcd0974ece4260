import ArgumentParser
import Foundation
import LatentCore
import LatentData
import LatentLinalg
import LatentModels
import LatentNN
import LatentStorage

/// `latent train ae`: train an autoencoder and write its checkpoint, encoder, metrics and pictures.
struct TrainAutoencoder: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ae", abstract: "Train an autoencoder (dense, deep, conv, variational; optionally denoising or sparse).")

    @Option(help: "Architecture: \(AutoencoderArchitecture.allCases.map(\.rawValue).joined(separator: ", ")).")
    var arch: AutoencoderArchitecture = .dense

    @Option(parsing: .unconditional, help: "Code size.")
    var code = 32

    @Option(help: "Denoising: corrupt inputs with gaussian:STD or mask:FRACTION.")
    var denoise: String?

    @Option(parsing: .unconditional, help: "Sparse: weight of the L1 penalty on the code.")
    var sparsity: Float = 0

    @OptionGroup var data: DatasetOptions
    @OptionGroup var training: TrainingArguments

    func validate() throws {
        try OptionChecks.require(code, in: 1...OptionChecks.largestSize, "--code")
        try OptionChecks.requireNonNegative(sparsity, "--sparsity")
        _ = try corruption()
    }

    func corruption() throws -> Corruption? {
        guard let denoise else { return nil }
        do { return try Corruption(parsing: denoise) } catch { throw ValidationError("--denoise: \(error)") }
    }

    func run() throws {
        let resumed = try training.resumedCheckpoint(of: .autoencoder, for: "train ae")
        let (train, test) = try data.loadSplits()
        try OptionChecks.require(code, atMost: train.pixelsPerImage, "--code", "the \(train.pixelsPerImage) pixels of an image")
        var generator = SeededGenerator(seed: training.seed)
        let spec = arch.spec(codeSize: code, height: train.height, width: train.width)
        let output = try spec.outputShape(for: [train.pixelsPerImage])
        guard output == [train.pixelsPerImage] else {
            throw ValidationError("the \(arch.rawValue) decoder gives \(output) per image, not [\(train.pixelsPerImage)]")
        }
        var autoencoder = try Autoencoder(try spec.build(using: &generator))
        autoencoder.corruption = try corruption()
        autoencoder.sparsityWeight = sparsity
        log(try autoencoder.model.summary(inputShape: [train.pixelsPerImage]))
        let out = training.out
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        let metadata = training.metadata.merging([
            "task": "autoencoder", "dataset": data.dataset.rawValue, "architecture": arch.rawValue,
            "code_size": String(code), "denoise": denoise ?? "none", "sparsity": String(sparsity),
        ]) { $1 }
        let reports = try autoencoder.fit(train, validation: test, options: training.options,
                                          optimizer: Adam(learningRate: training.learningRate), metadata: metadata,
                                          resumingFrom: resumed)
        try Checkpoint(model: autoencoder.encoder, epoch: reports.last?.epoch ?? 0, seed: training.seed, metadata: metadata)
            .save(to: "\(out)/encoder.h5")

        let mse = autoencoder.reconstructionError(test.images)
        let pca = try PCA.fit(train.images, components: code)
        print("test reconstruction MSE \(String(format: "%.5f", mse)) (PCA-\(code): \(String(format: "%.5f", try pca.reconstructionError(test.images))))")
        try writePictures(autoencoder, pca: pca, train: train, test: test, reports: reports, out: out)
        print("wrote \(out)/model.h5, encoder.h5, metrics.jsonl and pictures")
    }

    private func writePictures(_ autoencoder: Autoencoder, pca: PCA, train: ImageDataset, test: ImageDataset,
                               reports: [EpochReport], out: String) throws {
        let shown = Array(0..<min(10, test.count))
        try AutoencoderPictures.reconstructions(of: test, rows: shown, by: [
            ("PCA-\(code)", try pca.inverseTransform(try pca.transform(test.images))),
            ("\(arch.rawValue) AE", autoencoder.reconstruct(test.images)),
        ]).savePNG(to: "\(out)/reconstructions.png")
        try AutoencoderPictures.trainingCurve(reports, title: "\(arch.rawValue) autoencoder, code \(code)").save(to: "\(out)/curve.svg")
        if let first = autoencoder.encoder.layer(at: "0") as? Linear {
            try AutoencoderPictures.firstLayerWeights(first.weight, imageWidth: test.width, imageHeight: test.height)
                .savePNG(to: "\(out)/weights.png")
        }
        let codes = (train: autoencoder.encode(train.images), test: autoencoder.encode(test.images))
        try AutoencoderPictures.neighbours(query: 0, train: train, test: test, spaces: [
            ("pixels", train.images, test.images),
            ("PCA-\(code)", try pca.transform(train.images), try pca.transform(test.images)),
            ("AE codes", codes.train, codes.test),
        ]).savePNG(to: "\(out)/neighbours.png")
        if code == 2 {
            try AutoencoderPictures.codeMap(codes.test, labels: test.labels, classNames: test.classNames,
                                            title: "2-unit \(arch.rawValue) autoencoder codes of the test set").save(to: "\(out)/code-map.svg")
        }
    }
}

extension AutoencoderArchitecture: ExpressibleByArgument {}
