import LatentModels
import Testing

// The settings an experiment file gives, an initialiser internal to LatentExperiments.
@testable import LatentExperiments

/// The generative autoencoders' keys as an experiment file gives them: each must reach the settings, since a key the
/// file decoder drops would silently train the plain model.
@Suite struct GenerativeSettingsTests {
    let scratch: ExperimentScratch
    init() throws { scratch = try ExperimentScratch() }

    @Test func regularisationWeightsReachTheSettings() throws {
        #expect(try scratch.autoencoderSettings(model: "{arch: vqvae, code: 8, commitment: 0.5}").commitment == 0.5)
        #expect(try scratch.autoencoderSettings(model: "{arch: dense, code: 8, mmd: 0.1}").mmd == 0.1)
        #expect(
            try scratch.autoencoderSettings(model: "{arch: shallow, code: 8, contractive: 0.001}").contractive == 0.001)
        #expect(try scratch.autoencoderSettings(model: "{arch: dense, code: 8, adversarial: 0.2}").adversarial == 0.2)
    }

    @Test func variationalKeysReachTheSettings() throws {
        let beta = try scratch.autoencoderSettings(
            model: "{arch: variational, code: 8, likelihood: bernoulli, beta: 4}")
        #expect(beta.variational.likelihood == .bernoulli && beta.variational.objective.beta == 4)
        let iwae = try scratch.autoencoderSettings(model: "{arch: burda, code: 8, importance_samples: 5}")
        #expect(iwae.variational.objective.importanceSamples == 5)
    }
}
