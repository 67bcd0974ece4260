import Foundation
import LatentCore
import LatentData
import LatentModels
import LatentNN
import LatentTestSupport
import Testing

@Suite(.enabled(if: TestData.hasFashionMNIST, "needs Debian's dataset-fashion-mnist"))
struct AutoencoderTests {
    let directory: String
    init() throws { directory = try TestData.scratchDirectory() }
    func path(_ name: String) -> String { (directory as NSString).appendingPathComponent(name) }

    func subset() throws -> (train: ImageDataset, test: ImageDataset) {
        let data = try #require(TestData.fashionMNIST)
        return (try data.train.sampled(perClass: 320, seed: 1), try data.test.sampled(perClass: 50, seed: 2))
    }

    func autoencoder(_ architecture: AutoencoderArchitecture, code: Int = 16) throws -> Autoencoder {
        var generator = SeededGenerator(seed: 7)
        return try Autoencoder(try architecture.spec(codeSize: code).build(using: &generator))
    }

    /// 3,200 images, batch 32, 3 epochs: 300 steps.
    @Test(arguments: [AutoencoderArchitecture.dense, .conv])
    func reconstructionErrorFallsBelowABound(_ architecture: AutoencoderArchitecture) throws {
        let (train, test) = try subset()
        let model = try autoencoder(architecture)
        let before = model.reconstructionError(test.images)
        try model.fit(train, options: TrainingOptions(epochs: 3, batchSize: 32, seed: 1))
        let after = model.reconstructionError(test.images)
        // Predicting the mean image scores about 0.09 on this data; 300 steps must do much better.
        #expect(after < 0.04 && after < before / 2, "\(architecture.rawValue): test MSE \(before) -> \(after)")
    }

    @Test func denoisingSparseAndVariationalObjectivesTrain() throws {
        let (train, test) = try subset()
        var denoising = try autoencoder(.dense)
        denoising.corruption = .masking(fraction: 0.3)
        var sparse = try autoencoder(.dense)
        sparse.sparsityWeight = 0.01
        let variational = try autoencoder(.variational)
        for (name, model) in [("denoising", denoising), ("sparse", sparse), ("variational", variational)] {
            let reports = try model.fit(train, options: TrainingOptions(epochs: 3, batchSize: 32, seed: 2))
            #expect(reports[2].trainLoss < reports[0].trainLoss, "\(name): \(reports.map(\.trainLoss))")
            #expect(model.reconstructionError(test.images) < 0.06, "\(name)")
        }
        // The L1 penalty makes codes smaller than the plain objective does.
        let plain = try autoencoder(.dense)
        try plain.fit(train, options: TrainingOptions(epochs: 3, batchSize: 32, seed: 2))
        func meanActivity(_ model: Autoencoder) -> Float { model.encode(test.images).scalars.map(abs).reduce(0, +) }
        #expect(meanActivity(sparse) < meanActivity(plain) / 2)
    }

    @Test func theEncoderSavedAloneGivesIdenticalCodes() throws {
        let (train, test) = try subset()
        let model = try autoencoder(.conv)
        try model.fit(try train.sampled(perClass: 20, seed: 3), options: TrainingOptions(epochs: 1, batchSize: 50))
        try Checkpoint(model: try #require(model.encoder)).save(to: path("encoder.h5"))
        let reloaded = try Checkpoint.load(from: path("encoder.h5")).buildModel()
        reloaded.setTraining(false)
        model.model.setTraining(false)
        let encoder = try #require(model.encoder)
        let codes = GradientMode.withoutGradients { encoder(test.images) }
        let again = GradientMode.withoutGradients { reloaded(test.images) }
        #expect(codes.shape == [test.count, 16])
        let identical = codes.scalars.map(\.bitPattern) == again.scalars.map(\.bitPattern)
        #expect(identical)
    }

    @Test func picturesHaveTheirExpectedSizes() throws {
        let (_, test) = try subset()
        let model = try autoencoder(.dense)
        let canvas = AutoencoderPictures.reconstructions(
            of: test, rows: [0, 1, 2], by: [("ae", model.reconstruct(test.images))])
        // Three tiles of 84 pixels (28 at scale 3) plus margins; two rows of 84 pixels, one caption line.
        #expect(canvas.height == 2 * (84 + 12 + 12) + 6)
        let first = try #require(model.encoder?.layer(at: "0") as? Linear)
        let weights = AutoencoderPictures.firstLayerWeights(
            first.weight, imageWidth: 28, imageHeight: 28, units: 32, columns: 16)
        #expect(weights.height == 2 * (56 + 12) + 6)
        try canvas.savePNG(to: path("r.png"))
        #expect(FileManager.default.fileExists(atPath: path("r.png")))
    }

    @Test func inconsistentConfigurationsAreRejected() throws {
        var generator = SeededGenerator(seed: 0)
        let wrongDecoder = LayerSpec.named(layers: [
            NamedLayerSpec("encoder", .sequential(layers: [.linear(inputs: 784, outputs: 8)])),
            NamedLayerSpec("decoder", .sequential(layers: [.linear(inputs: 8, outputs: 700)])),
        ])
        #expect(try wrongDecoder.outputShape(for: [784]) == [700])
        #expect(throws: LatentError.self) {
            try AutoencoderArchitecture.dense.spec(codeSize: 0).build(using: &generator)
        }
        let noDecoder = try LayerSpec.sequential(layers: [.linear(inputs: 4, outputs: 2)]).build(using: &generator)
        #expect(
            throws: LatentError(
                "an autoencoder needs children named encoder and decoder, or one layer named code; this model has [\"0\"]"
            )
        ) {
            try Autoencoder(noDecoder)
        }
    }
}
