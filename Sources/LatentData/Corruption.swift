import LatentCore

/// Noise put on a denoising autoencoder's input (never on its target).
public enum Corruption: Equatable, Sendable {
    /// Adds N(0, standardDeviation²) to each pixel, then clamps to [0, 1].
    case gaussian(standardDeviation: Float)
    /// Sets each pixel to 0 with probability `fraction`.
    case masking(fraction: Float)

    /// A corrupted copy of `images`.
    public func apply(to images: Tensor, using generator: inout some RandomNumberGenerator) -> Tensor {
        switch self {
        case .gaussian(let standardDeviation):
            let noise = Tensor.normal(images.shape, standardDeviation: standardDeviation, using: &generator)
            let out = images.detached() + noise
            out.clamp(to: 0...1)
            return out
        case .masking(let fraction):
            let out = images.copy()
            out.zeroElements(withProbability: fraction, using: &generator)
            return out
        }
    }
}

extension Corruption {
    /// Parses `gaussian:STD` or `mask:FRACTION`, the value in (0, 1).
    public init(parsing text: String) throws {
        let parts = text.split(separator: ":")
        guard parts.count == 2, let amount = Float(parts[1]), amount > 0, amount < 1 else {
            throw DataError.invalidArgument(
                "corruption takes gaussian:STD or mask:FRACTION with a value in (0, 1), got \(text)")
        }
        switch parts[0] {
        case "gaussian": self = .gaussian(standardDeviation: amount)
        case "mask": self = .masking(fraction: amount)
        default: throw DataError.invalidArgument("corruption takes gaussian:STD or mask:FRACTION, got \(text)")
        }
    }
}
