import LatentCore
import LatentNN

/// A pretrained network cut at a named layer, with a new head for new categories.
///
/// The layers up to and including the cut are copied from the pretrained model (which stays untouched) and frozen, except
/// those named in `fineTune`; the new head is a fresh Linear layer named `head`.
public enum TransferModel {
    /// The pretrained model's children up to `cut`, copied and frozen, followed by a new `head`.
    ///
    /// - Parameters:
    ///   - pretrained: a model whose top-level children run in sequence (`features`, `hidden`, `head`).
    ///   - cut: the last top-level child kept.
    ///   - newClasses: the outputs of the new head, at least 2.
    ///   - inputShape: one sample's shape, to size the new head.
    ///   - fineTune: kept children that stay trainable.
    ///   - generator: draws the new head's initial weights.
    public static func build(
        from pretrained: any Layer, cut: String, newClasses: Int, inputShape: [Int], fineTune: [String] = [],
        using generator: inout some RandomNumberGenerator
    ) throws -> any Layer {
        let names = pretrained.children.map(\.name)
        guard let end = names.firstIndex(of: cut) else {
            throw LatentError(
                "cut point \(cut) is not a layer of the model; its layers are: \(names.joined(separator: ", "))")
        }
        let kept = try pretrained.children[...end].map { (name: $0.name, layer: try $0.layer.copied()) }
        if let unknown = fineTune.first(where: { name in !kept.contains { $0.name == name } }) {
            throw LatentError(
                "fine-tuned layer \(unknown) is not among the kept layers \(kept.map(\.name).joined(separator: ", "))")
        }
        guard newClasses >= 2 else { throw LatentError("a new head needs at least 2 classes, got \(newClasses)") }
        let backbone = Sequential(named: kept)
        let featureShape = try backbone.spec.outputShape(for: inputShape)
        guard featureShape.count == 1 else {
            throw LatentError(
                "the features at \(cut) have shape \(featureShape); a Linear head needs a flat vector (cut after a flatten)"
            )
        }
        // Both ways: a kept layer of a loaded transfer model may come frozen from its checkpoint.
        for child in kept {
            if fineTune.contains(child.name) {
                backbone.unfreeze(prefix: child.name)
            } else {
                backbone.freeze(prefix: child.name)
            }
        }
        let head = Linear(inputs: featureShape[0], outputs: newClasses, using: &generator)
        return Sequential(named: kept + [(name: "head", layer: head)])
    }
}
