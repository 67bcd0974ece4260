import LatentCore
import LatentModels

extension AutoencoderSettings {
    /// Refuses a regularisation weight on an architecture it does not apply to, naming the setting as `names` does.
    func checkRegularisation(names: SettingNames) throws(LatentError) {
        if commitment != AutoencoderSettings().commitment, architecture != .vqvae {
            throw LatentError(
                "\(names.quoting("model.commitment", commitment)) weighs a VQ-VAE's commitment loss; "
                    + "it is for the vqvae autoencoder, not \(architecture.rawValue)")
        }
        if mmd > 0, ![.dense, .deep, .conv, .shallow].contains(architecture) {
            throw LatentError(
                "\(names.quoting("model.mmd", mmd)) compares deterministic codes with a prior (WAE-MMD); it is for "
                    + "the dense, deep, conv and shallow autoencoders, not \(architecture.rawValue)")
        }
        if contractive > 0, architecture != .shallow {
            throw LatentError(
                "\(names.quoting("model.contractive", contractive)) needs the encoder's Jacobian in closed form, "
                    + "which only the shallow autoencoder (one sigmoid hidden layer) has, not \(architecture.rawValue)")
        }
    }

    /// The regularisation weights a checkpoint records, each only where it applies, so that checkpoints made
    /// without them still resume.
    var regularisationMetadata: [String: String] {
        var metadata: [String: String] = [:]
        if architecture == .vqvae { metadata["commitment"] = String(commitment) }
        if mmd > 0 { metadata["mmd"] = String(mmd) }
        if contractive > 0 { metadata["contractive"] = String(contractive) }
        return metadata
    }
}
