import Foundation
import LatentCore

/// A variational autoencoder: the encoder gives a Gaussian's mean and log-variance (its last layer has
/// 2 * code outputs: means first), a code is drawn by reparameterisation while training (the mean in
/// evaluation), and the decoder maps the code back: to the pixels, or to the logits of Bernoulli pixels (`likelihood`).
public final class VariationalAutoencoder: RandomLayer {
    public let encoder: any Layer
    public let decoder: any Layer
    public let codeSize: Int
    /// What the decoder gives: pixels (`gaussian`) or Bernoulli logits, whose sigmoid is the model's output.
    public let likelihood: Likelihood
    public private(set) var isTraining = true
    /// Draws the noise of the codes while training; a checkpoint saves its position.
    public var generator: SeededGenerator

    /// - Parameters:
    ///   - encoder: maps an input to 2 * `codeSize` values, the means then the log-variances.
    ///   - decoder: maps a code to the pixels, or to their logits for a Bernoulli `likelihood`.
    ///   - codeSize: the number of latent units.
    ///   - likelihood: what the decoder's output means.
    ///   - seed: seeds the generator of the codes' noise.
    public init(
        encoder: any Layer, decoder: any Layer, codeSize: Int, likelihood: Likelihood = .gaussian, seed: UInt64
    ) {
        self.encoder = encoder
        self.decoder = decoder
        self.codeSize = codeSize
        self.likelihood = likelihood
        generator = SeededGenerator(seed: seed)
    }

    public var spec: LayerSpec {
        .variational(encoder: encoder.spec, decoder: decoder.spec, codeSize: codeSize, likelihood: likelihood)
    }
    public var children: [NamedLayer] { [("encoder", encoder), ("decoder", decoder)] }
    public func setTraining(_ isTraining: Bool) {
        self.isTraining = isTraining
        encoder.setTraining(isTraining)
        decoder.setTraining(isTraining)
    }

    /// The posterior's mean and log-variance, each (N, code).
    public func distribution(_ input: Tensor) -> (mean: Tensor, logVariance: Tensor) {
        let statistics = encoder(input)
        return (statistics.columns(0..<codeSize), statistics.columns(codeSize..<(2 * codeSize)))
    }

    /// A code: mean + e^(logVariance / 2) * noise while training, the mean in evaluation.
    public func sample(mean: Tensor, logVariance: Tensor) -> Tensor {
        guard isTraining else { return mean }
        let noise = Tensor.normal(mean.shape, using: &generator)
        return mean + (logVariance * 0.5).exp() * noise
    }

    /// The images `codes` decode to: the decoder's pixels, or the sigmoid of its Bernoulli logits.
    ///
    /// - Parameter codes: (N, code) codes.
    public func pixels(of codes: Tensor) -> Tensor {
        let output = decoder(codes)
        return likelihood == .bernoulli ? output.sigmoid() : output
    }

    /// The reconstruction of `input`: the pixels of its sampled code (its mean in evaluation).
    public func callAsFunction(_ input: Tensor) -> Tensor {
        let (mean, logVariance) = distribution(input)
        return pixels(of: sample(mean: mean, logVariance: logVariance))
    }
    public struct Description: LayerDescription {
        public static let kind = "variational"
        public var encoder: LayerSpec
        public var decoder: LayerSpec
        public var codeSize: Int
        /// Absent from checkpoints written before Bernoulli decoders, which are all Gaussian.
        public var likelihood: Likelihood = .gaussian

        private enum CodingKeys: String, CodingKey { case encoder, decoder, codeSize, likelihood }

        /// - Parameters:
        ///   - encoder: gives the means, then the log-variances.
        ///   - decoder: gives the pixels, or their logits for a Bernoulli `likelihood`.
        ///   - codeSize: the number of latent units.
        ///   - likelihood: what the decoder's output means.
        public init(encoder: LayerSpec, decoder: LayerSpec, codeSize: Int, likelihood: Likelihood) {
            (self.encoder, self.decoder, self.codeSize, self.likelihood) = (encoder, decoder, codeSize, likelihood)
        }

        /// Reads a stored description; one without a likelihood is Gaussian.
        ///
        /// - Parameter decoder: the stored description's decoder (JSON in a checkpoint).
        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            encoder = try container.decode(LayerSpec.self, forKey: .encoder)
            self.decoder = try container.decode(LayerSpec.self, forKey: .decoder)
            codeSize = try container.decode(Int.self, forKey: .codeSize)
            likelihood = try container.decodeIfPresent(Likelihood.self, forKey: .likelihood) ?? .gaussian
        }

        public var summary: String {
            "VariationalAutoencoder(code \(codeSize)\(likelihood == .bernoulli ? ", Bernoulli" : ""))"
        }
        public var children: [NamedLayerSpec] {
            [NamedLayerSpec("encoder", encoder), NamedLayerSpec("decoder", decoder)]
        }
        public func validate() throws { try requirePositive([codeSize], "code size") }

        public func outputShape(for input: [Int]) throws -> [Int] {
            let statistics = try encoder.outputShape(for: input)
            guard statistics == [2 * codeSize] else {
                throw LatentError(
                    "encoder: gives \(statistics) per sample; a variational encoder must give "
                        + "[\(2 * codeSize)] (means and log-variances)")
            }
            return try decoder.outputShape(for: [codeSize])
        }

        public func makeLayer(using generator: inout some RandomNumberGenerator) throws -> any Layer {
            VariationalAutoencoder(
                encoder: try encoder.build(using: &generator), decoder: try decoder.build(using: &generator),
                codeSize: codeSize, likelihood: likelihood, seed: generator.next())
        }
    }
}

extension LayerSpec {
    /// A variational autoencoder whose encoder ends in 2 * codeSize outputs (means, then log-variances).
    ///
    /// - Parameters:
    ///   - encoder: gives the means, then the log-variances.
    ///   - decoder: gives the pixels, or their logits for a Bernoulli `likelihood`.
    ///   - codeSize: the number of latent units.
    ///   - likelihood: what the decoder's output means.
    public static func variational(
        encoder: LayerSpec, decoder: LayerSpec, codeSize: Int, likelihood: VariationalAutoencoder.Likelihood = .gaussian
    ) -> LayerSpec {
        LayerSpec(
            VariationalAutoencoder.Description(
                encoder: encoder, decoder: decoder, codeSize: codeSize, likelihood: likelihood))
    }
}
