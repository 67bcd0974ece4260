import LatentCore
import LatentModels
import LatentNN
import LatentTestSupport
import Testing

extension RegularisedAutoencoderTests {
    @Test func adversarialAutoencoderLearnsAndPullsTheCodesTowardsThePrior() throws {
        var generator = SeededGenerator(seed: 7)
        let plainSpec = try AutoencoderArchitecture.dense.spec(codeSize: 32)
        let spec = try AutoencoderArchitecture.adversarial(plainSpec, codeSize: 32)
        var aae = try Autoencoder(try spec.build(using: &generator))
        aae.adversarialWeight = 0.2
        let (losses, testMSE) = try train(aae, learningRate: 1e-3)
        #expect(losses.last ?? 0 < losses[0], "\(losses)")
        let data = try #require(mnist)
        #expect(testMSE < 0.9 * meanImageError(data), "test MSE \(testMSE), mean image \(meanImageError(data))")
        let plain = try autoencoder(.dense)
        _ = try train(plain, learningRate: 1e-3)
        let test = data.test.images
        var priorGenerator = SeededGenerator(seed: 9)
        let prior = Tensor.normal([test.shape[0], 32], using: &priorGenerator)
        let mmd = { (model: Autoencoder) in Loss.maximumMeanDiscrepancy(model.encode(test), prior, scale: 64).item }
        #expect(mmd(aae) < mmd(plain) / 2, "MMD to N(0, I): AAE \(mmd(aae)), plain \(mmd(plain))")
    }
}
