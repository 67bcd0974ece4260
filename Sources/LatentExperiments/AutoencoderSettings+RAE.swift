import LatentCore
import LatentModels

extension AutoencoderSettings {
    /// The autoencoders a regularised autoencoder's penalties apply to: deterministic ones with a decoder of their own.
    static let regularisedAutoencoderArchitectures: [AutoencoderArchitecture] = [.dense, .deep, .conv, .shallow]

    /// Refuses the RAE's code penalty or decoder weight decay on an architecture without a deterministic code and a
    /// decoder of its own, and the code penalty beside WAE-MMD's, naming the settings as `names` does.
    func checkRegularisedAutoencoder(names: SettingNames) throws(LatentError) {
        let asked = [("model.code_penalty", codePenalty), ("model.decoder_weight_decay", decoderWeightDecay)]
        for (key, value) in asked where value > 0 && !Self.regularisedAutoencoderArchitectures.contains(architecture) {
            throw LatentError(
                "\(names.quoting(key, value)) regularises a deterministic autoencoder (RAE); it is for the "
                    + Self.regularisedAutoencoderArchitectures.map(\.rawValue).joined(separator: ", ")
                    + " autoencoders, not \(architecture.rawValue)")
        }
        if codePenalty > 0, mmd > 0 {
            throw LatentError(
                "\(names.quoting("model.code_penalty", codePenalty)) and \(names.quoting("model.mmd", mmd)) both "
                    + "shape the codes: the RAE keeps them small and fits a density after training, WAE-MMD pulls "
                    + "them to N(0, I); ask for one")
        }
    }

    /// The RAE's weights a checkpoint records, each only when set, so that checkpoints made without them still resume.
    var regularisedAutoencoderMetadata: [String: String] {
        var metadata: [String: String] = [:]
        if codePenalty > 0 { metadata["code_penalty"] = String(codePenalty) }
        if decoderWeightDecay > 0 { metadata["decoder_weight_decay"] = String(decoderWeightDecay) }
        return metadata
    }
}
