import LatentCore

/// An adversarial autoencoder (Makhzani et al. 2016): an encoder and a decoder, and beside them a discriminator that
/// tells codes drawn from the prior from the encoder's codes.
///
/// The model's output is the reconstruction alone; the discriminator is a child so that checkpoints save and
/// restore it with the rest, but only the training's regularisation phase calls it.
public final class AdversarialAutoencoder: Layer {
    public let encoder: any Layer
    public let decoder: any Layer
    /// Maps a code (N, code) to one logit per code (N, 1): high for a code it takes for a prior draw.
    public let discriminator: any Layer

    /// - Parameters:
    ///   - encoder: maps an input to its code.
    ///   - decoder: maps a code back to the pixels.
    ///   - discriminator: maps a code to one logit, prior against encoder.
    public init(encoder: any Layer, decoder: any Layer, discriminator: any Layer) {
        (self.encoder, self.decoder, self.discriminator) = (encoder, decoder, discriminator)
    }

    public var spec: LayerSpec {
        .adversarial(encoder: encoder.spec, decoder: decoder.spec, discriminator: discriminator.spec)
    }
    public var children: [NamedLayer] {
        [("encoder", encoder), ("decoder", decoder), ("discriminator", discriminator)]
    }

    /// The reconstruction of `input`, (N, ...) -> (N, ...): the discriminator takes no part.
    public func callAsFunction(_ input: Tensor) -> Tensor { decoder(encoder(input)) }

    /// An encoder, a decoder and a discriminator on the encoder's code.
    public struct Description: LayerDescription {
        public static let kind = "adversarial"
        public var encoder: LayerSpec
        public var decoder: LayerSpec
        public var discriminator: LayerSpec

        public var summary: String { "AdversarialAutoencoder" }
        public var children: [NamedLayerSpec] {
            [
                NamedLayerSpec("encoder", encoder), NamedLayerSpec("decoder", decoder),
                NamedLayerSpec("discriminator", discriminator),
            ]
        }

        public func outputShape(for input: [Int]) throws -> [Int] {
            let code = try encoder.outputShape(for: input, naming: "encoder")
            let verdict = try discriminator.outputShape(for: code, naming: "discriminator")
            guard verdict == [1] else {
                throw LatentError("discriminator: gives \(verdict) per code; it must give [1], one logit")
            }
            return try decoder.outputShape(for: code, naming: "decoder")
        }

        public func makeLayer(using generator: inout some RandomNumberGenerator) throws -> any Layer {
            AdversarialAutoencoder(
                encoder: try encoder.build(using: &generator), decoder: try decoder.build(using: &generator),
                discriminator: try discriminator.build(using: &generator))
        }
    }
}

extension LayerSpec {
    /// An adversarial autoencoder: `encoder` then `decoder`, with `discriminator` on the code.
    ///
    /// - Parameters:
    ///   - encoder: maps an input to its code.
    ///   - decoder: maps a code back to the pixels.
    ///   - discriminator: maps a code to one logit.
    public static func adversarial(encoder: LayerSpec, decoder: LayerSpec, discriminator: LayerSpec) -> LayerSpec {
        LayerSpec(
            AdversarialAutoencoder.Description(encoder: encoder, decoder: decoder, discriminator: discriminator))
    }
}
