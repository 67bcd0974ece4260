import LatentCore

/// Inverted dropout while training, the identity in evaluation.
public final class Dropout: RandomLayer {
    public let rate: Float
    public private(set) var isTraining = true
    /// Draws the masks; a checkpoint saves its position.
    public var generator: SeededGenerator

    public init(rate: Float, seed: UInt64) {
        self.rate = rate
        generator = SeededGenerator(seed: seed)
    }

    public var spec: LayerSpec { .dropout(rate: rate) }
    public func setTraining(_ isTraining: Bool) { self.isTraining = isTraining }

    public func callAsFunction(_ input: Tensor) -> Tensor {
        isTraining && rate > 0 ? input.dropout(rate: rate, using: &generator) : input
    }

    public struct Description: LayerDescription {
        public static let kind = "dropout"
        public var rate: Float

        public var summary: String { "Dropout(\(rate))" }

        public func validate() throws {
            guard rate >= 0, rate < 1 else { throw LatentError("\(summary): rate must be in [0, 1)") }
        }

        public func outputShape(for input: [Int]) -> [Int] { input }

        public func makeLayer(using generator: inout some RandomNumberGenerator) -> any Layer {
            Dropout(rate: rate, seed: generator.next())
        }
    }
}

extension LayerSpec {
    public static func dropout(rate: Float) -> LayerSpec { LayerSpec(Dropout.Description(rate: rate)) }
}
