import LatentCore
import LatentData
import LatentModels
import LatentNN
import LatentTestSupport
import Testing

/// The adversarial autoencoder on real MNIST digits, beside the plain dense autoencoder it is built on.
@Suite(.enabled(if: TestData.hasMNIST, "needs ../shared/data/mnist"))
struct AdversarialAutoencoderMNISTTests {
    /// The dense autoencoder (code 32) built from seed 7, with a discriminator when `adversarialWeight` is given.
    func autoencoder(adversarialWeight: Float? = nil) throws -> Autoencoder {
        var generator = SeededGenerator(seed: 7)
        let plain = try AutoencoderArchitecture.dense.spec(codeSize: 32)
        let spec = try adversarialWeight.map { _ in try AutoencoderArchitecture.adversarial(plain, codeSize: 32) }
        var model = try Autoencoder(try (spec ?? plain).build(using: &generator))
        model.adversarialWeight = adversarialWeight ?? 1
        return model
    }

    /// Trains 3 epochs at batch 32 (63 steps an epoch) with Adam at 0.001; returns the train losses and the test
    /// reconstruction error.
    func train(_ model: Autoencoder) throws -> (losses: [Double], testMSE: Double) {
        let data = try #require(TestData.mnistSample)
        let reports = try model.fit(
            data.train, options: TrainingOptions(epochs: 3, batchSize: 32, seed: 1),
            optimizer: Adam(learningRate: 1e-3))
        return (reports.map(\.trainLoss), model.reconstructionError(data.test.images))
    }

    @Test func itLearnsAndPullsTheCodesTowardsThePrior() throws {
        let data = try #require(TestData.mnistSample)
        let aae = try autoencoder(adversarialWeight: 0.2)
        let (losses, testMSE) = try train(aae)
        #expect(losses.last ?? 0 < losses[0], "\(losses)")
        let plain = try autoencoder()
        let plainMSE = try train(plain).testMSE
        #expect(testMSE < 1.5 * plainMSE, "test MSE: AAE \(testMSE), plain \(plainMSE)")
        let test = data.test.images
        var generator = SeededGenerator(seed: 9)
        let prior = Tensor.normal([test.shape[0], 32], using: &generator)
        let mmd = { (model: Autoencoder) in Loss.maximumMeanDiscrepancy(model.encode(test), prior, scale: 64).item }
        #expect(mmd(aae) < mmd(plain) / 2, "MMD to N(0, I): AAE \(mmd(aae)), plain \(mmd(plain))")
    }
}
