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
}
