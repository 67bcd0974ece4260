import Foundation
import LatentCore

/// A variational autoencoder: the encoder gives a Gaussian's mean and log-variance (its last layer has
/// 2 * code outputs: means first), a code is drawn by reparameterisation while training (the mean in
/// evaluation), and the decoder maps the code back.
public final class VariationalAutoencoder: RandomLayer {
    public let encoder: any Layer
    public let decoder: any Layer
    public let codeSize: Int
    public private(set) var isTraining = true
    /// Draws the noise of the codes while training; a checkpoint saves its position.
    public var generator: SeededGenerator

    public init(encoder: any Layer, decoder: any Layer, codeSize: Int, seed: UInt64) {
        self.encoder = encoder
        self.decoder = decoder
        self.codeSize = codeSize
        generator = SeededGenerator(seed: seed)
    }

    public var spec: LayerSpec { .variational(encoder: encoder.spec, decoder: decoder.spec, codeSize: codeSize) }
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

    public func callAsFunction(_ input: Tensor) -> Tensor {
        let (mean, logVariance) = distribution(input)
        return decoder(sample(mean: mean, logVariance: logVariance))
    }
    public struct Description: LayerDescription {
        public static let kind = "variational"
        public var encoder: LayerSpec
        public var decoder: LayerSpec
        public var codeSize: Int

        public var summary: String { "VariationalAutoencoder(code \(codeSize))" }
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
                codeSize: codeSize, seed: generator.next())
        }
    }
}

extension LayerSpec {
    /// A variational autoencoder whose encoder ends in 2 * codeSize outputs (means, then log-variances).
    public static func variational(encoder: LayerSpec, decoder: LayerSpec, codeSize: Int) -> LayerSpec {
        LayerSpec(VariationalAutoencoder.Description(encoder: encoder, decoder: decoder, codeSize: codeSize))
    }
}
