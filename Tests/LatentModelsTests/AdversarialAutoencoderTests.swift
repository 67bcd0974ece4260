import Foundation
import LatentCore
import LatentData
import LatentModels
import LatentNN
import LatentTestSupport
import Testing

/// code 3 -> 8 -> 8 -> 1 with leaky ReLUs: the discriminator's shape, small enough that no finite-difference step
/// crosses a kink.
private func smallDiscriminator() throws -> (layer: any Layer, firstWeight: Tensor) {
    var generator = SeededGenerator(seed: 4)
    let layer = try LayerSpec.sequential(layers: [
        .linear(inputs: 3, outputs: 8), .leakyRelu(slope: 0.2), .linear(inputs: 8, outputs: 8),
        .leakyRelu(slope: 0.2), .linear(inputs: 8, outputs: 1),
    ]).build(using: &generator)
    let weight = try #require(layer.namedParameters.first { $0.name == "0.weight" }).tensor
    return (layer, weight)
}

/// log(1 + e^x) in Double, the reference for binary cross-entropy from a logit.
private func softplus(_ x: Float) -> Double { Foundation.log1p(Foundation.exp(Double(x))) }

struct AdversarialAutoencoderTests {
    @Test func discriminatorLossIsBothCrossEntropiesAndItsGradientsMatchFiniteDifferences() throws {
        let (discriminator, weight) = try smallDiscriminator()
        let prior = spreadTensor([5, 3], gap: 0.13, seed: 1)
        let codes = spreadTensor([4, 3], gap: 0.17, seed: 2)
        let loss = Autoencoder.discriminatorLoss(discriminator, prior: prior, codes: codes).item
        let real = discriminator(prior).scalars.map { softplus(-$0) }
        let fake = discriminator(codes).scalars.map { softplus($0) }
        let expected = real.reduce(0, +) / 5 + fake.reduce(0, +) / 4
        #expect(abs(Double(loss) - expected) < 1e-5, "loss \(loss), by hand \(expected)")

        let result = checkGradients([prior, codes, weight], epsilon: 1e-3) { inputs in
            Autoencoder.discriminatorLoss(discriminator, prior: inputs[0], codes: inputs[1])
        }
        #expect(result.worstError < 1e-2, "\(result)")
    }

    @Test func generatorLossCallsCodesPriorDrawsAndItsGradientsMatchFiniteDifferences() throws {
        let (discriminator, weight) = try smallDiscriminator()
        let codes = spreadTensor([6, 3], gap: 0.11, seed: 3)
        let loss = Autoencoder.generatorLoss(discriminator, codes: codes).item
        let expected = discriminator(codes).scalars.map { softplus(-$0) }.reduce(0, +) / 6
        #expect(abs(Double(loss) - expected) < 1e-5, "loss \(loss), by hand \(expected)")

        let result = checkGradients([codes, weight], epsilon: 1e-3) { inputs in
            Autoencoder.generatorLoss(discriminator, codes: inputs[0])
        }
        #expect(result.worstError < 1e-2, "\(result)")
    }

    @Test func theDiscriminatorRoundTripsThroughACheckpointBesideTheAutoencoder() throws {
        let spec = try AutoencoderArchitecture.adversarial(AutoencoderArchitecture.dense.spec(codeSize: 6), codeSize: 6)
        var generator = SeededGenerator(seed: 5)
        let model = try Autoencoder(try spec.build(using: &generator))
        let adversarial = try #require(model.adversarial)
        #expect(try spec.outputShape(for: [784]) == [784])

        let scratch = try ScratchDirectory()
        let file = scratch.path("aae.h5")
        try Checkpoint(model: model.model).save(to: file)
        let reloaded = try Autoencoder(try Checkpoint.load(from: file).buildModel())
        let discriminator = try #require(reloaded.adversarial).discriminator
        let codes = randomTensor([4, 6], seed: 6)
        #expect(
            discriminator(codes).scalars.map(\.bitPattern) == adversarial.discriminator(codes).scalars.map(\.bitPattern)
        )
        let images = randomTensor([2, 784], in: 0...1, seed: 7)
        #expect(reloaded.reconstruct(images).scalars == model.reconstruct(images).scalars)
        #expect(reloaded.model.stateTensors.count == model.model.stateTensors.count)
    }

    @Test func anAutoencoderWithoutAnEncoderAndDecoderIsRefusedByName() throws {
        #expect {
            _ = try AutoencoderArchitecture.adversarial(AutoencoderArchitecture.unet.spec(codeSize: 8), codeSize: 8)
        } throws: { error in
            "\(error)".contains("an encoder and a decoder")
        }
    }
}
