import LatentCore

extension LayerSpec {
    /// The shape of one sample after this layer, given one sample's shape (no batch axis);
    /// throws when the input does not fit, naming the layer and both shapes.
    public func outputShape(for input: [Int]) throws -> [Int] {
        try validate()
        func fail(_ expected: String) -> LatentError {
            LatentError("\(summary) expects \(expected), got a sample of shape \(input)")
        }
        switch self {
        case let .linear(inputs, outputs, _):
            guard input == [inputs] else { throw fail("a sample of shape [\(inputs)]") }
            return [outputs]
        case let .conv2d(inChannels, outChannels, kernel, stride, padding):
            guard input.count == 3, input[0] == inChannels else { throw fail("[\(inChannels), H, W]") }
            let (h, w) = ((input[1] + 2 * padding - kernel) / stride + 1, (input[2] + 2 * padding - kernel) / stride + 1)
            guard input[1] + 2 * padding >= kernel, input[2] + 2 * padding >= kernel else { throw fail("an image no smaller than the kernel") }
            return [outChannels, h, w]
        case let .convTranspose2d(inChannels, outChannels, kernel, stride, padding, outputPadding):
            guard input.count == 3, input[0] == inChannels else { throw fail("[\(inChannels), H, W]") }
            let (h, w) = ((input[1] - 1) * stride - 2 * padding + kernel + outputPadding,
                          (input[2] - 1) * stride - 2 * padding + kernel + outputPadding)
            guard h > 0, w > 0 else { throw fail("an input that gives a non-empty output") }
            return [outChannels, h, w]
        case let .maxPool2d(kernel, stride):
            guard input.count == 3, input[1] >= kernel, input[2] >= kernel else { throw fail("[C, H, W] with H, W >= \(kernel)") }
            return [input[0], (input[1] - kernel) / stride + 1, (input[2] - kernel) / stride + 1]
        case let .upsample(scale):
            guard input.count == 3 else { throw fail("[C, H, W]") }
            return [input[0], input[1] * scale, input[2] * scale]
        case .flatten:
            return [input.reduce(1, *)]
        case let .reshape(shape):
            guard shape.reduce(1, *) == input.reduce(1, *) else { throw fail("\(shape.reduce(1, *)) values per sample") }
            return shape
        case let .batchNorm(features):
            guard input.first == features, input.count == 1 || input.count == 3 else { throw fail("[\(features)] or [\(features), H, W]") }
            return input
        case .relu, .leakyRelu, .sigmoid, .tanh, .dropout:
            return input
        case let .sequential(layers):
            return try layers.enumerated().reduce(input) { shape, item in
                do { return try item.element.outputShape(for: shape) } catch let error as LatentError {
                    throw LatentError("layer \(item.offset): \(error.description)")
                }
            }
        case let .variational(encoder, decoder, codeSize):
            let statistics = try encoder.outputShape(for: input)
            guard statistics == [2 * codeSize] else {
                throw LatentError("encoder: gives \(statistics) per sample; a variational encoder must give [\(2 * codeSize)] (means and log-variances)")
            }
            return try decoder.outputShape(for: [codeSize])
        case let .named(layers):
            return try layers.reduce(input) { shape, item in
                do { return try item.layer.outputShape(for: shape) } catch let error as LatentError {
                    throw LatentError("\(item.name): \(error.description)")
                }
            }
        }
    }
}
