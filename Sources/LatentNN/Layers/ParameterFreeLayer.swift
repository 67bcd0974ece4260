import LatentCore

/// A layer without parameters or state: activations, pooling, up-sampling and reshaping.
public final class ParameterFreeLayer: Layer {
    public let spec: LayerSpec
    private let operation: (Tensor) -> Tensor

    /// `operation` is what `spec` describes; `LayerSpec.build` pairs them in its one exhaustive switch.
    init(_ spec: LayerSpec, _ operation: @escaping (Tensor) -> Tensor) {
        self.spec = spec
        self.operation = operation
    }

    public func callAsFunction(_ input: Tensor) -> Tensor { operation(input) }
}
