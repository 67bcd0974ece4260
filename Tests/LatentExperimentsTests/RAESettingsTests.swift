import Foundation
import LatentCore
import LatentData
import LatentModels
import Testing

// The settings an experiment file gives, an initialiser internal to LatentExperiments.
@testable import LatentExperiments

/// The regularised autoencoder's and the VQ-VAE codebook's settings: the keys reach the settings, refusals name the
/// setting in each front end's words, and the pipeline fits, stores and samples the code density.
@Suite(.serialized) struct RAESettingsTests {
    let scratch: ExperimentScratch
    init() throws { scratch = try ExperimentScratch() }

    @Test func keysReachTheSettingsAndTheCheckpointMetadata() throws {
        let rae = try scratch.autoencoderSettings(
            model: "{arch: dense, code: 8, code_penalty: 0.001, decoder_weight_decay: 0.00001}")
        #expect(rae.codePenalty == 0.001 && rae.decoderWeightDecay == 0.00001)
        #expect(rae.metadata["code_penalty"] == "0.001" && rae.metadata["decoder_weight_decay"] == "1e-05")
        let vq = try scratch.autoencoderSettings(model: "{arch: vqvae, code: 8, codebook: 16}")
        #expect(vq.codebook == 16 && vq.metadata["codebook"] == "16")
        // Left at their defaults, none is recorded, so that older checkpoints still resume.
        let plain = AutoencoderSettings().metadata
        #expect(plain["code_penalty"] == nil && plain["decoder_weight_decay"] == nil && plain["codebook"] == nil)
        #expect(AutoencoderPipeline(vq, trainCount: 10).codebookEntries == 16)
    }

    /// Settings that do not go together: as a file's model section, as flags set, and the refusal in each's words.
    static let refusals:
        [(model: String, set: @Sendable (inout AutoencoderSettings) -> Void, flags: String, message: String)] = [
            (
                "{arch: variational, code: 8, code_penalty: 0.5}",
                { ($0.architecture, $0.codePenalty) = (.variational, 0.5) },
                "--code-penalty 0.5",
                "model.code_penalty: 0.5 regularises a deterministic autoencoder (RAE); it is for the dense, deep, conv, "
                    + "shallow autoencoders, not variational"
            ),
            (
                "{arch: unet, code: 8, decoder_weight_decay: 0.1}",
                { ($0.architecture, $0.decoderWeightDecay) = (.unet, 0.1) },
                "--decoder-weight-decay 0.1",
                "model.decoder_weight_decay: 0.1 regularises a deterministic autoencoder (RAE); it is for the dense, deep, "
                    + "conv, shallow autoencoders, not unet"
            ),
            (
                "{arch: dense, code: 8, code_penalty: 0.5, mmd: 2}", { ($0.codePenalty, $0.mmd) = (0.5, 2) },
                "--code-penalty 0.5 and --mmd 2.0", "model.code_penalty: 0.5 and model.mmd: 2.0 both shape the codes"
            ),
            (
                "{arch: dense, code: 8, codebook: 16}", { $0.codebook = 16 }, "--codebook 16",
                "model.codebook: 16 sizes a VQ-VAE's codebook; it is for the vqvae autoencoder, not dense"
            ),
        ]

    @Test(arguments: refusals.indices)
    func settingsThatDoNotGoTogetherAreRefusedByName(_ index: Int) throws {
        let refusal = Self.refusals[index]
        #expect {
            _ = try scratch.autoencoderSettings(model: refusal.model)
        } throws: { "\($0)".contains(refusal.message) }
        var flags = AutoencoderSettings()
        refusal.set(&flags)
        #expect {
            try flags.check(names: AutoencoderSettings.commandLineNames)
        } throws: { "\($0)".contains(refusal.flags) }
    }

    @Test func aRegularisedAutoencoderStoresAndSamplesItsCodeDensity() throws {
        let folder = try scratch.dataset(train: 30, test: 10, side: 8)
        let (train, test) = (
            try KnownDataset.fashionMNIST.load(.train, from: folder),
            try KnownDataset.fashionMNIST.load(.test, from: folder)
        )
        var pipeline = AutoencoderPipeline(
            architecture: .dense, codeSize: 3, training: TrainingOptions(epochs: 2, batchSize: 8, seed: 3))
        (pipeline.codePenalty, pipeline.decoderWeightDecay) = (0.01, 0.001)
        let result = try pipeline.run(train: train, test: test, output: scratch.path("rae"), log: { _ in })
        let density = try #require(result.autoencoder.codeDensity)
        #expect(density.components == 10 && density.dimensions == 3)
        let stored = try #require(try Checkpoint.load(from: scratch.path("rae/model.h5")).codeDensity)
        #expect(stored.means.scalars.map(\.bitPattern) == density.means.scalars.map(\.bitPattern))
        #expect(result.pictures.map(\.file).suffix(3) == ["interpolations.png", "traversals.png", "samples.png"])
        #expect(FileManager.default.fileExists(atPath: scratch.path("rae/samples.png")))
        // The checkpoint is still one training resumes: the density rides beside the weights.
        #expect(try Checkpoint.load(from: scratch.path("rae/model.h5")).training != nil)
    }
}
