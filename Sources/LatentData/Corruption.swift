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
        case let .gaussian(standardDeviation):
            let noise = Tensor.normal(images.shape, standardDeviation: standardDeviation, using: &generator)
            let out = images.detached() + noise
            for i in 0..<out.count { out.pointer[i] = min(max(out.pointer[i], 0), 1) }
            return out
        case let .masking(fraction):
            let out = images.copy()
            for i in 0..<out.count where Float.random(in: 0..<1, using: &generator) < fraction { out.pointer[i] = 0 }
            return out
        }
    }
}
