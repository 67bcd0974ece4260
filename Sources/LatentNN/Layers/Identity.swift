import LatentCore

/// The input unchanged: a residual block's shortcut, or a U-Net's skip connection.
public final class Identity: Activation {
    public static let kind = "identity"
    public static let summary = "Identity"
    public init() {}
    public func callAsFunction(_ input: Tensor) -> Tensor { input }
}

extension LayerSpec {
    public static let identity = LayerSpec(ActivationDescription<Identity>())
}
