import LatentNN

/// What a checkpoint holds, so that a command can refuse a model made for another job
/// (`predict` given an autoencoder) with a message instead of a wrong answer.
public enum ModelKind: String, CaseIterable, Sendable {
    /// Encoder and decoder, as `latent train ae` writes `model.h5`.
    case autoencoder
    /// The encoder half alone (`encoder.h5`).
    case encoder
    /// A network that ends in one logit per class of its dataset.
    case classifier
    /// A trained network cut at a layer, with a new head for new categories (`latent transfer`).
    case transferHead = "transfer-head"
    /// A backbone trained without labels with the projection head its loss used (`latent train ssl`): its
    /// `features` layer is what search and retrieval read.
    case selfSupervised = "self-supervised"

    /// "an autoencoder", "a transfer head", for messages.
    public var phrase: String {
        switch self {
        case .autoencoder: return "an autoencoder"
        case .encoder: return "an encoder"
        case .classifier: return "a classifier"
        case .transferHead: return "a transfer head"
        case .selfSupervised: return "a self-supervised encoder"
        }
    }

    /// The kind of a checkpoint written without one (before kinds were recorded), from the task its
    /// training run recorded in the metadata and the shape of its architecture; `nil` when neither tells.
    public static func inferred(task: String?, architecture: LayerSpec) -> ModelKind? {
        let hasDecoder =
            Set(architecture.children.map(\.name)).isSuperset(of: ["encoder", "decoder"])
            || !Autoencoder.codePaths(among: architecture.layerPaths).isEmpty
        switch task {
        case "autoencoder": return hasDecoder ? .autoencoder : .encoder
        case "classifier": return .classifier
        case "transfer": return .transferHead
        case "self-supervised": return .selfSupervised
        default: return hasDecoder ? .autoencoder : nil
        }
    }

    /// "a classifier or a transfer head".
    static func phrase(_ kinds: [ModelKind]) -> String {
        let phrases = kinds.map(\.phrase)
        guard let last = phrases.last, phrases.count > 1 else { return phrases.first ?? "" }
        return phrases.dropLast().joined(separator: ", ") + " or " + last
    }
}
