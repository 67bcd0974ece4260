import LatentCore
import LatentNN

extension AutoencoderArchitecture {
    /// The units of each of the discriminator's two hidden layers, as in Makhzani et al.'s MNIST model.
    public static let discriminatorWidth = 256

    /// A discriminator on codes of `codeSize`: code -> 256 -> 256 -> 1 logit, leaky ReLUs (slope 0.2) between.
    ///
    /// - Parameter codeSize: the units of the code it reads.
    public static func discriminator(codeSize: Int) -> LayerSpec {
        let width = discriminatorWidth
        return .sequential(layers: [
            .linear(inputs: codeSize, outputs: width), .leakyRelu(slope: 0.2),
            .linear(inputs: width, outputs: width), .leakyRelu(slope: 0.2),
            .linear(inputs: width, outputs: 1),
        ])
    }

    /// `spec`'s encoder and decoder with a discriminator on their code of `codeSize`: an adversarial autoencoder.
    /// The discriminator is built after them, so the encoder and decoder start as the plain model's do.
    ///
    /// - Parameters:
    ///   - spec: an autoencoder of children named `encoder` and `decoder`, as `spec(codeSize:...)` gives.
    ///   - codeSize: the units of the encoder's code.
    /// - Throws: a `LatentError` naming the children when `spec` has no encoder and decoder.
    public static func adversarial(_ spec: LayerSpec, codeSize: Int) throws -> LayerSpec {
        let parts = Dictionary(spec.children.map { ($0.name, $0.layer) }) { first, _ in first }
        guard spec.children.count == 2, let encoder = parts["encoder"], let decoder = parts["decoder"] else {
            throw LatentError(
                "an adversarial autoencoder needs a model of an encoder and a decoder; this one has "
                    + "\(spec.children.map(\.name))")
        }
        return .adversarial(encoder: encoder, decoder: decoder, discriminator: discriminator(codeSize: codeSize))
    }
}
