import LatentNN

extension LayerSpec {
    /// How many values the layer's parameters and buffers hold, computed from the description alone, or `nil`
    /// when the count overflows.
    ///
    /// A checkpoint's architecture is checked against the tensors stored beside it before anything is built:
    /// a damaged description (`linear(inputs: 10^9, outputs: 10^9)`) must be refused, not allocated. This
    /// repeats each layer's tensor shapes; a test builds every kind of layer and compares with `stateTensors`.
    var storedScalarCount: Int? {
        func product(_ factors: Int...) -> Int? {
            factors.reduce(Optional(1)) { total, factor in
                guard let total, factor >= 0 else { return nil }
                let (result, overflow) = total.multipliedReportingOverflow(by: factor)
                return overflow ? nil : result
            }
        }
        func sum(_ terms: [Int?]) -> Int? {
            terms.reduce(Optional(0)) { total, term in
                guard let total, let term else { return nil }
                let (result, overflow) = total.addingReportingOverflow(term)
                return overflow ? nil : result
            }
        }
        switch self {
        case let .linear(inputs, outputs, bias):
            return sum([product(outputs, inputs), bias ? product(outputs) : 0])
        case let .conv2d(inChannels, outChannels, kernel, _, _),
             let .convTranspose2d(inChannels, outChannels, kernel, _, _, _):
            return sum([product(outChannels, inChannels, kernel, kernel), product(outChannels)])
        case let .batchNorm(features):
            return product(4, features)  // weight, bias, running mean, running variance
        case let .sequential(layers):
            return sum(layers.map(\.storedScalarCount))
        case let .named(layers):
            return sum(layers.map(\.layer.storedScalarCount))
        case let .variational(encoder, decoder, _):
            return sum([encoder.storedScalarCount, decoder.storedScalarCount])
        case .maxPool2d, .upsample, .flatten, .reshape, .relu, .leakyRelu, .sigmoid, .tanh, .dropout:
            return 0
        }
    }
}
