import LatentCore
import LatentData
import LatentModels
import LatentNN
import LatentTestSupport
import Testing

@Suite struct UNetTests {
    @Test func itRebuildsTheImageAndReadsItsCodeAtTheBottom() throws {
        let spec = try AutoencoderArchitecture.unet.spec(codeSize: 12, channels: 3, height: 8, width: 8)
        #expect(try spec.outputShape(for: [192]) == [192])
        let codes = spec.layerPaths.filter { $0.hasSuffix(".code") }
        #expect(codes == ["level1.skip.1.1.skip.1.1.skip.1.code"])
        var generator = SeededGenerator(seed: 1)
        let autoencoder = try Autoencoder(try spec.build(using: &generator))
        #expect(autoencoder.encoder == nil)
        #expect(autoencoder.encode(randomTensor([5, 192], in: 0...1, seed: 2)).shape == [5, 12])
        #expect(ModelKind.inferred(task: "autoencoder", architecture: spec) == .autoencoder)
    }

    @Test func sidesThatDoNotHalveEvenlyAreRefused() {
        #expect(throws: LatentError.self) {
            try AutoencoderArchitecture.unet.spec(codeSize: 4, channels: 1, height: 30, width: 30)
        }
    }

    /// Gradients through the concatenated skip connections, pooling, up-sampling and the dense code (tanh for ReLU,
    /// whose kink batch normalisation puts values at).
    @Test func gradientsMatchFiniteDifferences() throws {
        var generator = SeededGenerator(seed: 4)
        let model = try smooth(UNet(widths: [2, 3]).spec(codeSize: 2, channels: 1, height: 4, width: 4)).build(
            using: &generator)
        let input = spreadTensor([3, 16], gap: 0.07, seed: 5)
        // A smaller step than usual: a step of 0.01 on a weight moves features by as much as the gaps max-pooling
        // chooses between.
        let result = checkGradients([input] + model.namedParameters.map(\.tensor), epsilon: 1e-3) { model($0[0]) }
        #expect(result.worstError < 5e-3, "\(result)")
    }

    @Test(.enabled(if: TestData.hasFashionMNIST, "needs Debian's dataset-fashion-mnist"))
    func itLearnsToDenoiseFashionMNIST() throws {
        let data = try #require(TestData.fashionMNIST)
        let (train, test) = (
            try data.train.sampled(perClass: 30, seed: 1), try data.test.sampled(perClass: 20, seed: 2)
        )
        var generator = SeededGenerator(seed: 3)
        var autoencoder = try Autoencoder(
            try UNet(widths: [8, 16]).spec(codeSize: 16, channels: 1, height: 28, width: 28)
                .build(using: &generator))
        autoencoder.corruption = .masking(fraction: 0.3)
        let before = autoencoder.reconstructionError(test.images)
        let reports = try autoencoder.fit(train, options: TrainingOptions(epochs: 4, batchSize: 32, seed: 1))
        let after = autoencoder.reconstructionError(test.images)
        #expect(reports[3].trainLoss < reports[0].trainLoss, "\(reports.map(\.trainLoss))")
        // The untrained sigmoid's 0.5 everywhere scores about 0.19; 40 steps measured 0.086.
        #expect(after < before / 2, "test MSE \(before) -> \(after)")
    }
}
