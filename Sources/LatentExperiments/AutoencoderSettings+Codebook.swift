import LatentCore
import LatentModels

extension AutoencoderSettings {
    /// Refuses a codebook size outside 1 to `AutoencoderArchitecture.largestCodebook`, or one asked of an
    /// architecture without a codebook, naming the setting as `names` does.
    func checkCodebook(names: SettingNames) throws(LatentError) {
        guard codebook != AutoencoderArchitecture.codebookEntries else { return }
        guard (1...AutoencoderArchitecture.largestCodebook).contains(codebook) else {
            throw LatentError(
                "\(names.quoting("model.codebook", codebook)) is not a codebook size; a VQ-VAE's codebook holds 1 "
                    + "to \(AutoencoderArchitecture.largestCodebook) entries")
        }
        guard architecture == .vqvae else {
            throw LatentError(
                "\(names.quoting("model.codebook", codebook)) sizes a VQ-VAE's codebook; it is for the vqvae "
                    + "autoencoder, not \(architecture.rawValue)")
        }
    }

    /// The codebook size a checkpoint records when not the default (older checkpoints, without it, hold 256).
    var codebookMetadata: [String: String] {
        codebook == AutoencoderArchitecture.codebookEntries ? [:] : ["codebook": String(codebook)]
    }
}
