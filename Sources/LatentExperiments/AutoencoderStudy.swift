import Foundation
import LatentCore
import LatentData
import LatentLinalg
import LatentModels
import LatentNN
import LatentPictures
import LatentStorage

/// One autoencoder beside PCA at the same code size: numbers and pictures.
enum AutoencoderStudy {
    static func run(_ context: ExperimentContext) throws -> ExperimentReport {
        let model = context.experiment.model ?? Experiment.Model()
        let archName = model.arch ?? "dense", code = model.code ?? 32
        guard let architecture = AutoencoderArchitecture(rawValue: archName) else {
            throw ExperimentError("model.arch: unknown autoencoder \(archName) (known: \(AutoencoderArchitecture.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        let (train, test) = (context.train, context.test)
        var generator = SeededGenerator(seed: context.experiment.seed)
        var autoencoder = try Autoencoder(try architecture.spec(codeSize: code, channels: train.channels, height: train.height,
                                                                width: train.width).build(using: &generator))
        if let denoise = model.denoise { autoencoder.corruption = try Corruption(parsing: denoise) }
        autoencoder.sparsityWeight = model.sparsity ?? 0
        context.log(try autoencoder.model.summary(inputShape: [train.pixelsPerImage]))
        var options = context.options()
        options.checkpointPath = context.path("model.h5")
        let reports = try autoencoder.fit(train, validation: test, options: options,
                                          optimizer: Adam(learningRate: context.training.learningRate),
                                          metadata: ["architecture": architecture.rawValue, "code_size": String(code),
                                                     "input_shape": train.shapeDescription])
        let trainingSeconds = reports.map(\.seconds).reduce(0, +)
        try Checkpoint(model: autoencoder.encoder, epoch: reports.count, seed: context.experiment.seed).save(to: context.path("encoder.h5"))

        let aeRow = try CodeComparison.autoencoder(autoencoder, name: "\(architecture.rawValue) autoencoder", trainingSeconds: trainingSeconds,
                                                    train: train, test: test)
        let pcaRow = try CodeComparison.pca(codeSize: code, train: train, test: test)
        let pixels = Double(train.pixelsPerImage)
        var report = ExperimentReport()
        report.figures = [
            ("code_size", Double(code)), ("epochs", Double(reports.count)), ("training_seconds", trainingSeconds),
            ("ae_test_mse", aeRow.testMSE), ("ae_squared_error_per_image", aeRow.testMSE * pixels),
            ("pca_test_mse", pcaRow.testMSE), ("pca_squared_error_per_image", pcaRow.testMSE * pixels),
            ("ae_precision_at_10", aeRow.figures.precisionAt10), ("pca_precision_at_10", pcaRow.figures.precisionAt10),
            ("ae_map_at_100", aeRow.figures.meanAveragePrecisionAt100), ("pca_map_at_100", pcaRow.figures.meanAveragePrecisionAt100),
            ("ae_one_nn_accuracy", aeRow.figures.oneNearestNeighbourAccuracy), ("pca_one_nn_accuracy", pcaRow.figures.oneNearestNeighbourAccuracy),
        ]
        let table = CodeComparison.table([pcaRow, aeRow])
        report.sections.append(.init(title: "Reconstruction and retrieval on the \(test.count) test images", body: table
            + "\n\nSquared error per image (sum over the \(Int(pixels)) pixels): autoencoder \(figure(aeRow.testMSE * pixels, 2)), "
            + "PCA-\(code) \(figure(pcaRow.testMSE * pixels, 2)). Retrieval database: the \(train.count) train images' codes."))

        let pca = try PCA.fit(train.images, components: code)
        let shown = Array(0..<min(10, test.count))
        try AutoencoderPictures.reconstructions(of: test, rows: shown, by: [
            ("PCA-\(code)", try pca.inverseTransform(try pca.transform(test.images))), ("autoencoder", autoencoder.reconstruct(test.images)),
        ]).savePNG(to: context.path("reconstructions.png"))
        var pictures = [("reconstructions.png", "Test images (top), PCA-\(code) and autoencoder reconstructions")]
        try AutoencoderPictures.trainingCurve(reports, title: "\(architecture.rawValue) autoencoder, code \(code)").save(to: context.path("curve.svg"))
        pictures.append(("curve.svg", "Training and test loss per epoch"))
        if let first = autoencoder.encoder.layer(at: "0") as? Linear {
            try AutoencoderPictures.firstLayerWeights(first.weight, imageWidth: test.width, imageHeight: test.height,
                                                   channels: test.channels)
                .savePNG(to: context.path("weights.png"))
            pictures.append(("weights.png", "The first 64 units of the encoder's first layer, as images"))
        }
        let codes = (autoencoder.encode(train.images), autoencoder.encode(test.images))
        for query in context.experiment.evaluation?.queries ?? [0] {
            try AutoencoderPictures.neighbours(query: query, train: train, test: test, k: context.experiment.evaluation?.neighbours ?? 5, spaces: [
                ("pixels", train.images, test.images),
                ("PCA-\(code)", try pca.transform(train.images), try pca.transform(test.images)),
                ("AE codes", codes.0, codes.1),
            ]).savePNG(to: context.path("neighbours-\(query).png"))
            pictures.append(("neighbours-\(query).png", "Test image \(query) (\(test.classNames[test.labels[query]])) and its nearest train images by pixels, PCA codes and autoencoder codes"))
        }
        // The codes of up to 2,000 test images in two dimensions: themselves for a 2-unit code, else their first two
        // principal components (which a 1-unit code, or a single test image, does not have: no map then).
        let mapped = codes.1.rows(0..<min(2_000, test.count))
        if code == 2 || (code > 2 && mapped.shape[0] >= 2) {
            let plane = code == 2 ? mapped : try PCA.fit(mapped, components: 2).transform(mapped)
            try AutoencoderPictures.codeMap(plane, labels: Array(test.labels.prefix(mapped.shape[0])), classNames: test.classNames,
                                            title: code == 2 ? "The 2-unit codes of \(mapped.shape[0]) test images"
                                                : "First two principal components of the codes of \(mapped.shape[0]) test images")
                .save(to: context.path("code-map.svg"))
            pictures.append(("code-map.svg", "Autoencoder codes of test images in two dimensions, coloured by class"))
        }
        report.sections.append(.init(title: "Pictures", body: "", pictures: pictures))

        let mseChange = change(aeRow.testMSE, from: pcaRow.testMSE)
        report.reading.append(aeRow.testMSE < pcaRow.testMSE
            ? "The autoencoder reconstructs better than PCA at the same code size: test MSE \(figure(aeRow.testMSE, 5)) against \(figure(pcaRow.testMSE, 5)) (\(mseChange))."
            : "The autoencoder does not beat PCA at reconstruction here: test MSE \(figure(aeRow.testMSE, 5)) against PCA's \(figure(pcaRow.testMSE, 5)) (\(mseChange)); more epochs or a larger model may close the gap.")
        report.reading.append(retrievalSentence(aeRow.figures.precisionAt10, against: pcaRow.figures.precisionAt10))
        return report
    }
}
