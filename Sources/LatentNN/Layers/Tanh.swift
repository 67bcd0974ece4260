import LatentCore

/// tanh(x), element-wise.
public final class Tanh: Activation {
    public static let kind = "tanh"
    public static let summary = "Tanh"
    public init() {}
    public func callAsFunction(_ input: Tensor) -> Tensor { input.tanh() }
}

extension LayerSpec {
    public static let tanh = LayerSpec(ActivationDescription<Tanh>())
}
