import LatentCore

/// Batch normalisation over features (N, F) or channels (N, C, H, W).
///
/// Training normalises with the batch's statistics and updates running ones (momentum 0.1,
/// unbiased variance, as PyTorch); evaluation uses the running statistics.
public final class BatchNorm: Layer {
    public let weight: Tensor
    public let bias: Tensor
    public let runningMean: Tensor
    public let runningVariance: Tensor
    public let momentum: Float = 0.1
    public let epsilon: Float = 1e-5
    public private(set) var isTraining = true

    public init(features: Int) {
        weight = Tensor(repeating: 1, shape: [features], requiresGrad: true)
        bias = Tensor(zeros: [features], requiresGrad: true)
        runningMean = Tensor(zeros: [features])
        runningVariance = Tensor(repeating: 1, shape: [features])
    }

    public var spec: LayerSpec { .batchNorm(features: weight.count) }
    public var parameters: [NamedTensor] { [("weight", weight), ("bias", bias)] }
    public var buffers: [NamedTensor] { [("running_mean", runningMean), ("running_var", runningVariance)] }
    public func setTraining(_ isTraining: Bool) { self.isTraining = isTraining }

    // x: (N, F) or (N, C, H, W); statistics per feature or channel.
    public func callAsFunction(_ input: Tensor) -> Tensor {
        let features = weight.count
        precondition(
            (input.rank == 2 || input.rank == 4) && input.shape[1] == features,
            "BatchNorm(\(features)) needs (N, \(features)) or (N, \(features), H, W), got \(input.shape)")
        let axes = input.rank == 2 ? [0] : [0, 2, 3]
        let statisticsShape = input.rank == 2 ? [1, features] : [1, features, 1, 1]
        guard isTraining else {
            // Two passes over the input instead of four, as PyTorch evaluates: the statistics fold into one scale
            // and one shift per channel, weight / sqrt(running_var + eps) and bias - running_mean * that scale.
            let folded = weight / (runningVariance + epsilon).sqrt()
            let offset = bias - runningMean * folded
            return input * folded.reshaped(statisticsShape) + offset.reshaped(statisticsShape)
        }
        let (scale, shift) = (weight.reshaped(statisticsShape), bias.reshaped(statisticsShape))
        let mean = input.mean(axes: axes, keepingDimensions: true)
        let centred = input - mean
        let variance = (centred * centred).mean(axes: axes, keepingDimensions: true)
        updateRunningStatistics(mean: mean, variance: variance, samples: input.count / features)
        return centred / (variance + epsilon).sqrt() * scale + shift
    }

    private func updateRunningStatistics(mean: Tensor, variance: Tensor, samples: Int) {
        let unbiased = Float(samples) / Float(max(samples - 1, 1))
        runningMean.moveAverage(toward: mean, momentum: momentum)
        runningVariance.moveAverage(toward: variance, momentum: momentum, scale: unbiased)
    }
    public struct Description: LayerDescription {
        public static let kind = "batchNorm"
        public var features: Int

        public var summary: String { "BatchNorm(\(features))" }
        public var ownTensors: [TensorShape] {
            [
                TensorShape("weight", [features]), TensorShape("bias", [features]),
                TensorShape("running_mean", [features], isParameter: false),
                TensorShape("running_var", [features], isParameter: false),
            ]
        }
        public func validate() throws { try requirePositive([features], "features") }

        // input: [F] or [C, H, W] with F or C == features; the shape is kept.
        public func outputShape(for input: [Int]) throws -> [Int] {
            guard input.count == 1 || input.count == 3, input[0] == features else {
                throw mismatch(expected: "[\(features)] or [\(features), H, W]", got: input)
            }
            return input
        }

        public func makeLayer(using generator: inout some RandomNumberGenerator) -> any Layer {
            BatchNorm(features: features)
        }
    }
}

extension LayerSpec {
    /// Batch normalisation over features (N, F) or channels (N, C, H, W).
    public static func batchNorm(features: Int) -> LayerSpec { LayerSpec(BatchNorm.Description(features: features)) }
}
