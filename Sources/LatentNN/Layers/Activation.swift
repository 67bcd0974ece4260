import LatentCore

/// A layer without parameters or settings that keeps each sample's shape (ReLU, tanh): its type alone describes
/// it, so its stored description is `{"relu": {}}` and one generic description serves them all.
public protocol Activation: Layer {
    /// The key the activation is stored under (`relu`).
    static var kind: String { get }
    /// Its name in summaries (`ReLU`).
    static var summary: String { get }
    init()
}

extension Activation {
    public var spec: LayerSpec { LayerSpec(ActivationDescription<Self>()) }
}

/// The description of an activation `Kind`: no settings, the same shape out as in.
public struct ActivationDescription<Kind: Activation>: LayerDescription {
    public static var kind: String { Kind.kind }
    public init() {}
    public var summary: String { Kind.summary }
    public func outputShape(for input: [Int]) -> [Int] { input }
    public func makeLayer(using generator: inout some RandomNumberGenerator) -> any Layer { Kind() }
}
