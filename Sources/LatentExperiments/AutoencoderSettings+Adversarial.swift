import LatentCore
import LatentModels

extension AutoencoderSettings {
    /// The architectures an adversarial autoencoder is built on: those of a dense encoder and decoder.
    static let adversarialArchitectures: [AutoencoderArchitecture] = [.dense, .deep]

    /// Refuses an adversarial weight where it cannot apply or would fight another prior, naming it as `names` does.
    func checkAdversarial(names: SettingNames) throws(LatentError) {
        guard adversarial > 0 else { return }
        let asked = names.quoting("model.adversarial", adversarial)
        guard Self.adversarialArchitectures.contains(architecture) else {
            throw LatentError(
                "\(asked) trains a discriminator on a dense encoder's codes (an adversarial autoencoder); it is for "
                    + "the dense and deep autoencoders, not \(architecture.rawValue)")
        }
        if mmd > 0 {
            throw LatentError(
                "\(asked) and \(names.quoting("model.mmd", mmd)) both pull the codes towards the prior; ask for one")
        }
        if codePenalty > 0 || decoderWeightDecay > 0 {
            let (key, value) =
                codePenalty > 0
                ? ("model.code_penalty", codePenalty) : ("model.decoder_weight_decay", decoderWeightDecay)
            throw LatentError(
                "\(asked) pulls the codes to N(0, I), and \(names.quoting(key, value)) makes a regularised "
                    + "autoencoder whose samples come from a density fitted after training; ask for one")
        }
    }

    /// The adversarial weight a checkpoint records, only where it is set, so that checkpoints without it still resume.
    var adversarialMetadata: [String: String] { adversarial > 0 ? ["adversarial": String(adversarial)] : [:] }
}
