import Foundation
import LatentCore
import LatentData
import LatentExperiments
import LatentModels
import Testing

/// The loop behind `latent compare` and comparison experiments, on 20 train and 10 test images of 8x8 random pixels.
@Suite(.serialized) struct ComparisonPipelineTests {
    let scratch: ExperimentScratch
    init() throws { scratch = try ExperimentScratch() }

    func splits(side: Int = 8) throws -> (train: ImageDataset, test: ImageDataset) {
        let folder = try scratch.dataset(train: 20, test: 10, side: side)
        return (
            try KnownDataset.fashionMNIST.load(.train, from: folder),
            try KnownDataset.fashionMNIST.load(.test, from: folder)
        )
    }

    @Test func rowsComeInTheOrderAskedWithTheFiguresOfEachModel() throws {
        let (train, test) = try splits()
        // A model trained elsewhere, measured as it is.
        var generator = SeededGenerator(seed: 9)
        let other = try Autoencoder(
            try AutoencoderArchitecture.dense.spec(codeSize: 5, height: 8, width: 8)
                .build(using: &generator))
        var pipeline = ComparisonPipeline(
            codeSizes: [3, 2], architectures: [.dense, .conv],
            training: TrainingOptions(epochs: 1, batchSize: 8, seed: 4))
        pipeline.trained = [(name: "other.h5", autoencoder: other)]
        let result = try pipeline.run(train: train, test: test, log: { _ in })

        #expect(result.rows.map(\.method) == ["PCA", "dense AE", "conv AE", "PCA", "dense AE", "conv AE", "other.h5"])
        #expect(result.rows.map(\.codeSize) == [3, 3, 3, 2, 2, 2, 5])
        // Each PCA row is PCA fitted at its size, each trained row the model given.
        for (pca, _) in result.sizes {
            let expected = try CodeComparison.pca(codeSize: pca.codeSize, train: train, test: test)
            #expect(pca.testMSE == expected.testMSE && pca.figures == expected.figures)
        }
        let measured = try #require(result.trained.first)
        #expect(measured.testMSE == other.reconstructionError(test.images) && measured.fitSeconds.isNaN)
        // Each autoencoder starts from the seed: the dense one at code 3 is the one built and trained here.
        var seeded = SeededGenerator(seed: 4)
        let dense = try Autoencoder(
            try AutoencoderArchitecture.dense.spec(codeSize: 3, height: 8, width: 8)
                .build(using: &seeded))
        try dense.fit(train, options: TrainingOptions(epochs: 1, batchSize: 8, seed: 4))
        #expect(result.sizes[0].autoencoders[0].testMSE == dense.reconstructionError(test.images))

        // The table the CLI prints: a header, a rule and one line per row, with its test MSE.
        let lines = result.table.split(separator: "\n")
        #expect(lines.count == 2 + 7)
        for (line, row) in zip(lines.dropFirst(2), result.rows) {
            let start = "| \(row.method) | \(row.codeSize) | \(String(format: "%.5f", row.testMSE)) | "
            #expect(line.hasPrefix(start), "\(line)")
        }
    }

    /// A convolutional autoencoder cannot take 8x6 images (8 -> 4 is even, 6 -> 3 is odd): refused before any model is trained.
    @Test func anImpossibleArchitectureIsRefusedFirst() throws {
        var generator = SeededGenerator(seed: 3)
        func split(_ count: Int) -> ImageDataset {
            ImageDataset(
                name: "8x6", images: Tensor.uniform([count, 48], in: 0...1, using: &generator),
                labels: (0..<count).map { $0 % 2 }, channels: 1, height: 8, width: 6, classNames: ["a", "b"])
        }
        let (train, test) = (split(20), split(10))
        var logged: [String] = []
        let pipeline = ComparisonPipeline(
            codeSizes: [2, 3], architectures: [.dense, .conv],
            training: TrainingOptions(epochs: 1, batchSize: 8))
        let error = #expect(throws: LatentError.self) {
            try pipeline.run(train: train, test: test, log: { logged.append($0) })
        }
        #expect(error?.description.contains("the conv autoencoder cannot take 1x8x6 images") == true)
        #expect(logged.isEmpty, "trained before refusing: \(logged)")
    }
}
