import Foundation
import LatentCore
import LatentData
import LatentExperiments
import LatentLinalg
import LatentModels
import Testing

/// The pipeline behind `latent demo`, `latent train ae` and autoencoder experiments, on 20 train and 10 test images
/// of 8x8 random pixels: the figures it returns are measured on what it trained and fitted, and everything it says
/// it wrote is there.
@Suite(.serialized) struct AutoencoderPipelineTests {
    let scratch: ExperimentScratch
    init() throws { scratch = try ExperimentScratch() }

    func splits(train: Int = 20, test: Int = 10, side: Int = 8) throws -> (train: ImageDataset, test: ImageDataset) {
        let folder = try scratch.dataset(train: train, test: test, side: side)
        return (
            try KnownDataset.fashionMNIST.load(.train, from: folder),
            try KnownDataset.fashionMNIST.load(.test, from: folder)
        )
    }

    func pipeline(_ architecture: AutoencoderArchitecture = .dense, code: Int = 4) -> AutoencoderPipeline {
        AutoencoderPipeline(
            architecture: architecture, codeSize: code,
            training: TrainingOptions(epochs: 2, batchSize: 8, seed: 3))
    }

    @Test func aBinarisedIWAEIsMeasuredOnTheTestSplitBinarisedOnce() throws {
        let (train, test) = try splits()
        var pipeline = pipeline(.burda, code: 3)
        pipeline.variational.objective.importanceSamples = 4
        (pipeline.variational.binarisation, pipeline.variational.likelihoodSamples) = (.dynamic, 50)
        pipeline.variational.likelihoodImages = 6
        pipeline.queries = [.init(index: 0)]
        let result = try pipeline.run(train: train, test: test, output: scratch.path("iwae"), log: { _ in })
        // The estimate is the library's, on the first 6 test images binarised with the fixed seed, with the run's seed.
        let binary = test.binarised(seed: AutoencoderSettings.Variational.testSeed).images.rows(0..<6)
        #expect(binary.scalars.allSatisfy { $0 == 0 || $0 == 1 })
        let expected = try result.autoencoder.negativeLogLikelihood(binary, samples: 50, seed: 3)
        #expect(result.negativeLogLikelihood == expected)
        #expect(expected > 0 && expected < 64 * log(2) * 2, "\(expected) nats for 64 binary pixels")
        // A variational model's codes follow the prior N(0, I), so its samples are drawn too; 3 units have no plane.
        #expect(result.pictures.map(\.file).suffix(3) == ["interpolations.png", "traversals.png", "samples.png"])
        #expect(FileManager.default.fileExists(atPath: scratch.path("iwae/samples.png")))
    }

    @Test func theFiguresAreThoseOfTheModelsItWrote() throws {
        let (train, test) = try splits()
        var pipeline = pipeline()
        pipeline.queries = [.init(index: 0), .init(index: 9, file: "last.png")]
        let output = scratch.path("out")
        let result = try pipeline.run(train: train, test: test, output: output, log: { _ in })

        // PCA's row is PCA-4 of the train split, measured on the test split.
        let pca = try PCA.fit(train.images, components: 4)
        #expect(result.pca.method == "PCA" && result.pca.codeSize == 4)
        #expect(result.pca.testMSE == (try pca.reconstructionError(test.images)))
        // The autoencoder's row is the autoencoder returned, and the same as the one saved after its last epoch.
        #expect(result.trained.method == "dense autoencoder" && result.trained.codeSize == 4)
        #expect(result.trained.testMSE == result.autoencoder.reconstructionError(test.images))
        let saved = try Autoencoder(try Checkpoint.load(from: scratch.path("out/model.h5")).buildModel())
        #expect(saved.reconstructionError(test.images) == result.trained.testMSE)
        let encoder = try Checkpoint.load(from: scratch.path("out/encoder.h5"))
        #expect(
            encoder.epoch == 2 && encoder.metadata["architecture"] == "dense" && encoder.metadata["code_size"] == "4")
        #expect(result.reports.map(\.epoch) == [1, 2])
        #expect(result.reports.allSatisfy { $0.validationLoss != nil }, "the test split is the validation set")
        #expect(result.trained.fitSeconds == result.reports.map(\.seconds).reduce(0, +))

        // The table the CLI prints holds both rows' figures.
        let lines = result.table.split(separator: "\n")
        #expect(lines.count == 4)
        #expect(lines[2].hasPrefix("| PCA | 4 | \(String(format: "%.5f", result.pca.testMSE)) | "))
        #expect(lines[3].hasPrefix("| dense autoencoder | 4 | \(String(format: "%.5f", result.trained.testMSE)) | "))

        #expect(
            result.pictures.map(\.file) == [
                "reconstructions.png", "curve.svg", "weights.png", "neighbours-0.png",
                "last.png", "code-map.svg", "interpolations.png", "traversals.png",
            ])
        #expect(result.files == ["model.h5", "encoder.h5", "metrics.jsonl"] + result.pictures.map(\.file))
        #expect(Set(scratch.listing().filter { $0.hasPrefix("out/") }) == Set(result.files.map { "out/\($0)" }))
        for file in result.pictures.map(\.file) where file.hasSuffix(".png") {
            let bytes = try Data(contentsOf: URL(fileURLWithPath: scratch.path("out/\(file)")))
            #expect(bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]), "\(file) is not a PNG")
        }
        let curve = try String(contentsOfFile: scratch.path("out/curve.svg"), encoding: .utf8)
        #expect(curve.contains("dense autoencoder, code 4"))
        let metrics = try String(contentsOfFile: scratch.path("out/metrics.jsonl"), encoding: .utf8)
        #expect(metrics.split(separator: "\n").count == 2)
    }

    @Test func theSameSeedGivesTheSameFigures() throws {
        let (train, test) = try splits()
        let first = try pipeline().run(train: train, test: test, output: scratch.path("a"), log: { _ in })
        let second = try pipeline().run(train: train, test: test, output: scratch.path("b"), log: { _ in })
        #expect(first.trained.testMSE == second.trained.testMSE)
        #expect(first.trained.figures == second.trained.figures)
        #expect(first.reports.map(\.trainLoss) == second.reports.map(\.trainLoss))
    }

    /// A convolutional model, with its own picture set: no weights picture (its first layer is not dense), and a
    /// 2-unit code drawn as it is.
    @Test func aConvolutionalAutoencoderWithATwoUnitCode() throws {
        let (train, test) = try splits()
        let result = try pipeline(.conv, code: 2).run(
            train: train, test: test, output: scratch.path("conv"), log: { _ in })
        #expect(result.trained.method == "conv autoencoder" && result.trained.codeSize == 2)
        #expect(
            result.pictures.map(\.file) == [
                "reconstructions.png", "curve.svg", "neighbours-0.png", "code-map.svg", "interpolations.png",
                "traversals.png",
            ])
        let map = try String(contentsOfFile: scratch.path("conv/code-map.svg"), encoding: .utf8)
        #expect(map.contains("The 2-unit codes of 10 test images"))
    }

    /// What cannot work is refused before any training, and the output folder is not made.
    @Test func impossibleRunsTrainAndWriteNothing() throws {
        let (train, test) = try splits(side: 6)
        let tooLong = #expect(throws: LatentError.self) {
            try pipeline(code: 21).run(train: train, test: test, output: scratch.path("pca"), log: { _ in })
        }
        #expect(tooLong?.description == "PCA: 21 components need at least 21 rows, got 20")
        #expect(!FileManager.default.fileExists(atPath: scratch.path("conv")))
        #expect(!FileManager.default.fileExists(atPath: scratch.path("pca")))
    }

    /// The demo's queries: labels cycle through the ten classes, so the first sneaker (7) is test image 7.
    @Test func theFirstImageOfEachClassNamed() throws {
        let (_, test) = try splits()
        let queries = AutoencoderPipeline.NeighbourQuery.firstOfEachClass(["Sneaker", "Bag", "Unicorn"], in: test)
        #expect(
            queries == [.init(index: 7, file: "neighbours-sneaker.png"), .init(index: 8, file: "neighbours-bag.png")])
    }
}
