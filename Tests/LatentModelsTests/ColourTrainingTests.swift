import LatentCore
import LatentData
import LatentLinalg
import LatentModels
import LatentNN
import LatentPictures
import LatentRetrieval
import LatentTestSupport
import Testing

/// The autoencoders and the CNN on colour images (3 x 16 x 16 shapes, four classes), and everything that reads
/// their codes: features, PCA, retrieval, pictures.
@Suite struct ColourTrainingTests {
    let train = ColourShapes.make(count: 800, seed: 1)
    let test = ColourShapes.make(count: 200, seed: 2)

    static func autoencoder(_ architecture: AutoencoderArchitecture, code: Int = 16) throws -> Autoencoder {
        var generator = SeededGenerator(seed: 7)
        return try Autoencoder(
            try architecture.spec(codeSize: code, channels: 3, height: 16, width: 16).build(using: &generator))
    }

    /// 800 images, batch 32, 4 epochs: 100 steps. Measured: the test MSE falls from 0.105 to 0.027 (dense, a factor
    /// of 3.8) and to 0.033 (conv, 3.2); the bounds leave room for another machine's rounding.
    @Test(arguments: [(AutoencoderArchitecture.dense, 3.0), (.conv, 2.5)])
    func autoencodersLearnColourImages(_ architecture: AutoencoderArchitecture, factor: Double) throws {
        let model = try Self.autoencoder(architecture)
        let before = model.reconstructionError(test.images)
        try model.fit(train, options: TrainingOptions(epochs: 4, batchSize: 32, seed: 1))
        let after = model.reconstructionError(test.images)
        #expect(after < before / factor, "\(architecture.rawValue): test MSE \(before) -> \(after)")
        // Codes of every image, as `latent encode` writes them.
        #expect(model.encode(test.images).shape == [200, 16])
    }

    @Test func theCNNTellsColourAndShapeApart() throws {
        var generator = SeededGenerator(seed: 3)
        let model = try ClassifierArchitecture.cnn.spec(channels: 3, height: 16, width: 16, classes: 4).build(
            using: &generator)
        let trainer = Trainer(
            model: model, optimizer: Adam(learningRate: 3e-3),
            options: TrainingOptions(epochs: 4, batchSize: 32, seed: 3))
        try trainer.fit(train) { Loss.crossEntropy(logits: model($0.images), labels: $0.labels) }
        let accuracy = Classification.accuracy(model, on: test)
        // Chance is 0.25 and colour alone gives 0.5; measured: 0.91 after 4 epochs (0.6 after 1).
        #expect(accuracy > 0.75, "test accuracy \(accuracy)")
        // Deep features at the cut points, as `latent features` extracts them.
        #expect(try DeepFeatures.extract(model, at: "hidden", from: test.images).shape == [200, 128])
        #expect(try DeepFeatures.extract(model, at: "features", from: test.images).shape == [200, 64 * 4 * 4])
    }

    /// PCA codes find images of the query's class: colour and shape are most of the variance.
    @Test func pcaAndRetrievalWorkOnColourRows() throws {
        let pca = try PCA.fit(train.images, components: 12)
        #expect(pca.components.shape == [12, 768])
        let (database, queries) = (try pca.transform(train.images), try pca.transform(test.images))
        let neighbours = try NearestNeighbourIndex(database).search(queries, k: 5)
        let metrics = try RetrievalMetrics(neighbours, queryLabels: test.labels, databaseLabels: train.labels)
        #expect(metrics.oneNearestNeighbourAccuracy > 0.5, "1-NN accuracy \(metrics.oneNearestNeighbourAccuracy)")
        // A train image searched in its own pixels comes back first, at distance 0.
        let itself = try NearestNeighbourIndex(train.images).search(train.images.rows(37..<38), k: 1)
        #expect(itself.of(0).first?.index == 37 && itself.of(0).first?.distance == 0)
    }

    /// With fewer rows than values per image, PCA takes the SVD and gives what the covariance gives.
    @Test func pcaOnWideColourDataTakesTheSVD() throws {
        let few = train.selecting(Array(0..<100))
        #expect(PCA.Solver.suited(rows: 100, features: 768) == .svd)
        #expect(PCA.Solver.suited(rows: 60_000, features: 784) == .covariance)
        let (chosen, covariance) = (
            try PCA.fit(few.images, components: 8), try PCA.fit(few.images, components: 8, solver: .covariance)
        )
        let errors = (try chosen.reconstructionError(few.images), try covariance.reconstructionError(few.images))
        #expect(abs(errors.0 - errors.1) < 1e-4 * errors.1, "\(errors)")
    }

    /// A picture of colour images shows their colours: the original's top-left pixel is the dataset's RGB value.
    @Test func picturesDrawColourTiles() throws {
        let rows = [0, 1, 2, 3]
        let canvas = AutoencoderPictures.reconstructions(of: test, rows: rows, by: [])
        let grid = ImageGrid(imageWidth: 16, imageHeight: 16, channels: 3)
        // The grid's first tile starts after the margin and the title column ("ORIGINAL"); tiles are as wide as the
        // widest caption ("BLUE SQUARE") and a margin.
        let (left, top) = (6 + Canvas.textWidth("ORIGINAL", scale: 2) + 6, 6)
        let tileWidth = max(16 * grid.scale, Canvas.textWidth("BLUE SQUARE", scale: 2)) + 6
        #expect(grid.scale == 5)
        for (column, row) in rows.enumerated() {
            let offset = ((top * canvas.width) + left + column * tileWidth) * 3
            let expected = (0..<3).map { UInt8((test.images[element: row * 768 + $0 * 256] * 255).rounded()) }
            #expect(Array(canvas.pixels[offset..<(offset + 3)]) == expected, "tile \(column)")
        }
    }
}
