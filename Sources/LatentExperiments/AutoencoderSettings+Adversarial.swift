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
    }

    /// The adversarial weight a checkpoint records, only where it is set, so that checkpoints without it still resume.
    var adversarialMetadata: [String: String] { adversarial > 0 ? ["adversarial": String(adversarial)] : [:] }
}
