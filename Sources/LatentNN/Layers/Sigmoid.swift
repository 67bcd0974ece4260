import LatentCore

/// 1 / (1 + e^-x), element-wise.
public final class Sigmoid: Activation {
    public static let kind = "sigmoid"
    public static let summary = "Sigmoid"
    public init() {}
    public func callAsFunction(_ input: Tensor) -> Tensor { input.sigmoid() }
}

extension LayerSpec {
    public static let sigmoid = LayerSpec(ActivationDescription<Sigmoid>())
}
