import LatentCore

/// max(x, 0), element-wise.
public final class ReLU: Activation {
    public static let kind = "relu"
    public static let summary = "ReLU"
    public init() {}
    public func callAsFunction(_ input: Tensor) -> Tensor { input.relu() }
}

extension LayerSpec {
    public static let relu = LayerSpec(ActivationDescription<ReLU>())
}
