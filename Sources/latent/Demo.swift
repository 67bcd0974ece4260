import ArgumentParser
import Foundation
import LatentCore
import LatentData
import LatentLinalg
import LatentModels
import LatentNN

/// `latent demo`: the main job. A convolutional autoencoder against PCA on Fashion-MNIST, with pictures.
struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Train a convolutional autoencoder on Fashion-MNIST, compare it with PCA and write pictures.")

    @OptionGroup var data: DatasetOptions

    @Option(parsing: .unconditional, help: "Code size of both the autoencoder and PCA.")
    var code = 32

    @Option(parsing: .unconditional, help: "Training epochs.")
    var epochs = 3

    @Option(parsing: .unconditional, help: "Seed for initialisation and shuffling.")
    var seed: UInt64 = 0

    @Option(help: "Output folder.")
    var out = "runs/demo"

    func validate() throws {
        try OptionChecks.require(code, in: 1...OptionChecks.largestSize, "--code")
        try OptionChecks.require(epochs, in: 1...OptionChecks.largestCount, "--epochs")
        try OptionChecks.requireWritableFolder(out, "--out")
    }

    func run() throws {
        log("latent demo: \(BLAS.threads) BLAS threads, \(BLAS.configuration)")
        let (train, test) = try data.loadSplits()
        log("\(train.count) train and \(test.count) test images of \(data.dataset.rawValue) from \(data.location)")
        try OptionChecks.require(code, atMost: min(train.pixelsPerImage, train.count), "--code",
                                 "the \(train.pixelsPerImage) pixels of an image or the \(train.count) train images")
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)

        log("fitting PCA-\(code)")
        let pcaRow = try CodeComparison.pca(codeSize: code, train: train, test: test)
        let pca = try PCA.fit(train.images, components: code)

        log("training a convolutional autoencoder (code \(code)) for \(epochs) epochs")
        var generator = SeededGenerator(seed: seed)
        let autoencoder = try Autoencoder(try AutoencoderArchitecture.conv.spec(codeSize: code, channels: train.channels,
                                                                                height: train.height, width: train.width)
            .build(using: &generator))
        let reports = try autoencoder.fit(train, options: TrainingOptions(
            epochs: epochs, batchSize: 128, seed: seed, checkpointPath: "\(out)/model.h5", showsProgress: true),
            metadata: ["architecture": "conv", "code_size": String(code), "input_shape": train.shapeDescription])
        let aeRow = try CodeComparison.autoencoder(autoencoder, name: "conv autoencoder", trainingSeconds: reports.map(\.seconds).reduce(0, +),
                                                   train: train, test: test)
        print(CodeComparison.table([pcaRow, aeRow]))

        log("writing pictures")
        try AutoencoderPictures.reconstructions(of: test, rows: Array(0..<min(10, test.count)), by: [
            ("PCA-\(code)", try pca.inverseTransform(try pca.transform(test.images))), ("conv AE", autoencoder.reconstruct(test.images)),
        ]).savePNG(to: "\(out)/reconstructions.png")
        let spaces = [("pixels", train.images, test.images),
                      ("PCA-\(code)", try pca.transform(train.images), try pca.transform(test.images)),
                      ("AE codes", autoencoder.encode(train.images), autoencoder.encode(test.images))]
        // The first sneaker, sandal and bag of the test set.
        for className in ["Sneaker", "Sandal", "Bag"] {
            guard let label = test.classNames.firstIndex(of: className), let query = test.labels.firstIndex(of: label) else { continue }
            let file = "\(out)/neighbours-\(className.lowercased()).png"
            try AutoencoderPictures.neighbours(query: query, train: train, test: test, spaces: spaces).savePNG(to: file)
        }
        try AutoencoderPictures.trainingCurve(reports, title: "conv autoencoder, code \(code)").save(to: "\(out)/curve.svg")
        print("pictures and checkpoint in \(out)/: reconstructions.png, neighbours-sneaker.png, neighbours-sandal.png, "
              + "neighbours-bag.png, curve.svg, model.h5")
    }
}
