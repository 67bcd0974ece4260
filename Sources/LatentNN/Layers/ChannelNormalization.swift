import LatentCore

/// A fixed normalisation per channel, `(x - mean) / std`, as torchvision's `Normalize` does before an ImageNet
/// network. x: (N, C, H, W) -> (N, C, H, W).
///
/// `mean` and `std` are buffers: a checkpoint stores them, so a model carries the preprocessing it was trained
/// with, and they never train.
public final class ChannelNormalization: Layer {
    /// (C)
    public let mean: Tensor
    /// (C)
    public let std: Tensor

    /// The identity (mean 0, std 1) for `channels` channels, until a checkpoint's values are restored into it.
    ///
    /// - Parameter channels: C.
    public init(channels: Int) {
        mean = Tensor(zeros: [channels])
        std = Tensor(repeating: 1, shape: [channels])
    }

    /// The normalisation with these statistics, one per channel.
    ///
    /// - Parameters:
    ///   - mean: subtracted from each channel.
    ///   - std: what each channel is then divided by.
    public init(mean: [Float], std: [Float]) {
        precondition(mean.count == std.count, "one mean and one std per channel, got \(mean.count) and \(std.count)")
        self.mean = Tensor(shape: [mean.count], scalars: mean)
        self.std = Tensor(shape: [std.count], scalars: std)
    }

    public var spec: LayerSpec { .channelNormalization(channels: mean.count) }
    public var buffers: [NamedTensor] { [("mean", mean), ("std", std)] }

    public func callAsFunction(_ input: Tensor) -> Tensor {
        let statisticsShape = [1, mean.count, 1, 1]
        return (input - mean.reshaped(statisticsShape)) / std.reshaped(statisticsShape)
    }

    public struct Description: LayerDescription {
        public static let kind = "channelNormalization"
        public var channels: Int

        public var summary: String { "ChannelNormalization(\(channels))" }
        public var ownTensors: [TensorShape] {
            [TensorShape("mean", [channels], isParameter: false), TensorShape("std", [channels], isParameter: false)]
        }
        public func validate() throws { try requirePositive([channels], "channels") }

        // input: [C, H, W] with C == channels; the shape is kept.
        public func outputShape(for input: [Int]) throws -> [Int] {
            guard input.count == 3, input[0] == channels else {
                throw mismatch(expected: "[\(channels), H, W]", got: input)
            }
            return input
        }

        public func makeLayer(using generator: inout some RandomNumberGenerator) -> any Layer {
            ChannelNormalization(channels: channels)
        }
    }
}

extension LayerSpec {
    /// A fixed normalisation per channel, whose statistics a checkpoint stores; see `ChannelNormalization`.
    ///
    /// - Parameter channels: the channels of the images it normalises.
    public static func channelNormalization(channels: Int) -> LayerSpec {
        LayerSpec(ChannelNormalization.Description(channels: channels))
    }
}
