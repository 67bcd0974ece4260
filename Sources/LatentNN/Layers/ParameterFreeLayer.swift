import LatentCore

/// A layer without parameters or state: activations, pooling, up-sampling and reshaping.
public final class ParameterFreeLayer: Layer {
    public let spec: LayerSpec

    /// - Precondition: `spec` is one of the parameter-free kinds.
    init(_ spec: LayerSpec) { self.spec = spec }

    public func callAsFunction(_ input: Tensor) -> Tensor {
        switch spec {
        case .relu: return input.relu()
        case let .leakyRelu(slope): return input.leakyRelu(slope: slope)
        case .sigmoid: return input.sigmoid()
        case .tanh: return input.tanh()
        case let .maxPool2d(kernel, stride): return input.maxPool2d(kernel: kernel, stride: stride)
        case let .upsample(scale): return input.upsampleNearest(scale: scale)
        case .flatten: return input.reshaped([input.shape[0], -1])
        case let .reshape(shape): return input.reshaped([input.shape[0]] + shape)
        default: preconditionFailure("\(spec.summary) is not parameter-free")
        }
    }
}
