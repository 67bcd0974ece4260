import LatentCore

/// A tensor with the name a layer gives it (`weight`, `bias`, `running_mean`).
public typealias NamedTensor = (name: String, tensor: Tensor)
/// A child layer with the name its parent gives it (`0`, `encoder`).
public typealias NamedLayer = (name: String, layer: any Layer)

/// A building block of a model: a function of one tensor with named parameters and children.
///
/// Parameters and children are listed explicitly, which gives every tensor a stable dotted
/// path (`encoder.0.weight`) that maps one to one onto its HDF5 path (`/model/encoder/0/weight`).
public protocol Layer: AnyObject {
    /// The description the layer was built from (and can be rebuilt from).
    var spec: LayerSpec { get }
    /// This layer's own parameters (not its children's).
    var parameters: [NamedTensor] { get }
    /// State that is saved but not trained, such as batch-norm running statistics.
    var buffers: [NamedTensor] { get }
    /// The layers this one is made of, in order.
    var children: [NamedLayer] { get }
    /// Switches training behaviour (dropout, batch statistics) on or off, here and below.
    func setTraining(_ isTraining: Bool)
    /// Whether a layer here or below behaves as in training; layers that behave the same either way say no.
    var isTraining: Bool { get }

    func callAsFunction(_ input: Tensor) -> Tensor
}

extension Layer {
    public var parameters: [NamedTensor] { [] }
    public var buffers: [NamedTensor] { [] }
    public var children: [NamedLayer] { [] }
    public func setTraining(_ isTraining: Bool) {
        for child in children { child.layer.setTraining(isTraining) }
    }
    public var isTraining: Bool { children.contains { $0.layer.isTraining } }
}
