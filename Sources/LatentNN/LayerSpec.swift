import LatentCore

/// A declarative description of a layer: what configuration files and checkpoints store,
/// and what `build(using:)` turns into a layer with fresh parameters.
public indirect enum LayerSpec: Codable, Equatable, Sendable {
    case linear(inputs: Int, outputs: Int, bias: Bool = true)
    case conv2d(inChannels: Int, outChannels: Int, kernel: Int, stride: Int = 1, padding: Int = 0)
    case convTranspose2d(inChannels: Int, outChannels: Int, kernel: Int, stride: Int = 1, padding: Int = 0,
                         outputPadding: Int = 0)
    case maxPool2d(kernel: Int, stride: Int)
    case upsample(scale: Int)
    case flatten
    /// Reshapes each sample (the batch axis is kept).
    case reshape(shape: [Int])
    case relu
    case leakyRelu(slope: Float)
    case sigmoid
    case tanh
    case dropout(rate: Float)
    /// Batch normalisation over features (N, F) or channels (N, C, H, W).
    case batchNorm(features: Int)
    /// Layers applied in order, named 0, 1, 2, ...
    case sequential(layers: [LayerSpec])
    /// Layers applied in order under given names (`encoder`, `decoder`).
    case named(layers: [NamedLayerSpec])
    /// A variational autoencoder whose encoder ends in 2 * codeSize outputs (means, then log-variances).
    case variational(encoder: LayerSpec, decoder: LayerSpec, codeSize: Int)

    /// Builds the layer with freshly initialised parameters drawn from `generator`.
    public func build(using generator: inout some RandomNumberGenerator) throws -> any Layer {
        try validate()
        switch self {
        case let .linear(inputs, outputs, bias):
            return Linear(inputs: inputs, outputs: outputs, bias: bias, using: &generator)
        case let .conv2d(inChannels, outChannels, kernel, stride, padding):
            return Conv2d(inChannels: inChannels, outChannels: outChannels, kernel: kernel, stride: stride,
                          padding: padding, using: &generator)
        case let .convTranspose2d(inChannels, outChannels, kernel, stride, padding, outputPadding):
            return ConvTranspose2d(inChannels: inChannels, outChannels: outChannels, kernel: kernel, stride: stride,
                                   padding: padding, outputPadding: outputPadding, using: &generator)
        case let .dropout(rate):
            return Dropout(rate: rate, seed: generator.next())
        case let .batchNorm(features):
            return BatchNorm(features: features)
        case let .sequential(layers):
            return Sequential(try layers.map { try $0.build(using: &generator) })
        case let .named(layers):
            return Sequential(named: try layers.map { (name: $0.name, layer: try $0.layer.build(using: &generator)) })
        case let .variational(encoder, decoder, codeSize):
            return VariationalAutoencoder(encoder: try encoder.build(using: &generator), decoder: try decoder.build(using: &generator),
                                          codeSize: codeSize, seed: generator.next())
        case let .maxPool2d(kernel, stride):
            return ParameterFreeLayer(self) { $0.maxPool2d(kernel: kernel, stride: stride) }
        case let .upsample(scale):
            return ParameterFreeLayer(self) { $0.upsampleNearest(scale: scale) }
        case .flatten:
            return ParameterFreeLayer(self) { $0.reshaped([$0.shape[0], -1]) }
        case let .reshape(shape):
            return ParameterFreeLayer(self) { $0.reshaped([$0.shape[0]] + shape) }
        case .relu:
            return ParameterFreeLayer(self) { $0.relu() }
        case let .leakyRelu(slope):
            return ParameterFreeLayer(self) { $0.leakyRelu(slope: slope) }
        case .sigmoid:
            return ParameterFreeLayer(self) { $0.sigmoid() }
        case .tanh:
            return ParameterFreeLayer(self) { $0.tanh() }
        }
    }

    /// A short human description, e.g. `Linear(784 -> 512)`.
    public var summary: String {
        switch self {
        case let .linear(inputs, outputs, bias): return "Linear(\(inputs) -> \(outputs)\(bias ? "" : ", no bias"))"
        case let .conv2d(i, o, k, s, p): return "Conv2d(\(i) -> \(o), \(k)x\(k), stride \(s), pad \(p))"
        case let .convTranspose2d(i, o, k, s, p, op):
            return "ConvTranspose2d(\(i) -> \(o), \(k)x\(k), stride \(s), pad \(p), out pad \(op))"
        case let .maxPool2d(kernel, stride): return "MaxPool2d(\(kernel), stride \(stride))"
        case let .upsample(scale): return "Upsample(x\(scale))"
        case .flatten: return "Flatten"
        case let .reshape(shape): return "Reshape(\(shape.map(String.init).joined(separator: "x")))"
        case .relu: return "ReLU"
        case let .leakyRelu(slope): return "LeakyReLU(\(slope))"
        case .sigmoid: return "Sigmoid"
        case .tanh: return "Tanh"
        case let .dropout(rate): return "Dropout(\(rate))"
        case let .batchNorm(features): return "BatchNorm(\(features))"
        case .sequential: return "Sequential"
        case .named: return "Sequential"
        case let .variational(_, _, codeSize): return "VariationalAutoencoder(code \(codeSize))"
        }
    }

    /// Refuses sizes no layer can have (a zero stride, a negative padding): a stored architecture may be damaged.
    func validate() throws {
        func positive(_ values: [Int], _ what: String) throws {
            guard values.allSatisfy({ $0 > 0 }) else { throw LatentError("\(summary): \(what) must be positive") }
        }
        switch self {
        case let .linear(inputs, outputs, _): try positive([inputs, outputs], "sizes")
        case let .conv2d(i, o, k, s, p):
            try positive([i, o, k, s], "channels, kernel and stride")
            guard p >= 0 else { throw LatentError("\(summary): padding must not be negative") }
        case let .convTranspose2d(i, o, k, s, p, op):
            try positive([i, o, k, s], "channels, kernel and stride")
            guard p >= 0, op >= 0, op < s else { throw LatentError("\(summary): needs padding >= 0 and 0 <= output padding < stride") }
        case let .maxPool2d(kernel, stride): try positive([kernel, stride], "kernel and stride")
        case let .upsample(scale): try positive([scale], "scale")
        case let .reshape(shape): try positive(shape, "sizes")
        case let .dropout(rate):
            guard rate >= 0, rate < 1 else { throw LatentError("\(summary): rate must be in [0, 1)") }
        case let .batchNorm(features): try positive([features], "features")
        case let .variational(_, _, codeSize): try positive([codeSize], "code size")
        case .flatten, .relu, .leakyRelu, .sigmoid, .tanh, .sequential, .named: break
        }
    }
}

/// A layer description with the name its parent gives it.
public struct NamedLayerSpec: Codable, Equatable, Sendable {
    public var name: String
    public var layer: LayerSpec
    public init(_ name: String, _ layer: LayerSpec) {
        self.name = name
        self.layer = layer
    }
}
