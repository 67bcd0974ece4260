/// An N-dimensional array of `Float` that records the operations made on it for reverse-mode autograd.
///
/// Storage is contiguous and row-major. A tensor is a reference: passing it around copies nothing.
/// Operations return new tensors; only optimizers and data loaders write into one in place.
public final class Tensor {
    /// The size of each axis, outermost first.
    public let shape: [Int]
    /// The number of elements (the product of `shape`).
    public let count: Int
    /// A `var` only so that `isKnownUniquelyReferenced` can look at it; it is never reassigned.
    package internal(set) var storage: Storage

    /// Whether `backward()` computes a gradient for this tensor.
    ///
    /// Set it on leaves (parameters); operations set it on their output when any input needs one.
    public var requiresGrad: Bool
    /// The gradient accumulated by `backward()` calls, with this tensor's shape.
    public var grad: Tensor?
    /// How this tensor was computed, when it needs a gradient; `nil` for leaves.
    package var gradientNode: GradientNode?
    /// Whether `backward()` has run through this tensor's record and freed it.
    package var graphFreed = false

    /// Wraps an existing storage; `shape` must describe exactly its elements.
    package init(shape: [Int], storage: Storage, requiresGrad: Bool = false) {
        precondition(shape.allSatisfy { $0 >= 0 }, "negative size in shape \(shape)")
        let count = shape.reduce(1, *)
        precondition(count == storage.count, "shape \(shape) holds \(count) elements, storage has \(storage.count)")
        self.shape = shape
        self.count = count
        self.storage = storage
        self.requiresGrad = requiresGrad
    }

    /// A tensor of the given shape whose elements the caller writes before reading.
    package convenience init(uninitializedShape shape: [Int]) {
        self.init(shape: shape, storage: Storage(uninitialized: shape.reduce(1, *)))
    }

    /// A tensor filled with zeros.
    public convenience init(zeros shape: [Int], requiresGrad: Bool = false) {
        self.init(shape: shape, storage: Storage(zeros: shape.reduce(1, *)), requiresGrad: requiresGrad)
    }

    /// A tensor filled with one value.
    public convenience init(repeating value: Float, shape: [Int], requiresGrad: Bool = false) {
        self.init(uninitializedShape: shape)
        pointer.update(repeating: value, count: count)
        self.requiresGrad = requiresGrad
    }

    /// A tensor holding `scalars` in row-major order.
    public convenience init(shape: [Int], scalars: [Float], requiresGrad: Bool = false) {
        precondition(
            shape.reduce(1, *) == scalars.count,
            "shape \(shape) needs \(shape.reduce(1, *)) scalars, got \(scalars.count)")
        self.init(uninitializedShape: shape)
        scalars.withUnsafeBufferPointer { pointer.update(from: $0.baseAddress!, count: count) }
        self.requiresGrad = requiresGrad
    }

    /// A tensor of shape `[]` holding one value.
    public convenience init(scalar: Float, requiresGrad: Bool = false) {
        self.init(shape: [], scalars: [scalar], requiresGrad: requiresGrad)
    }

    /// The first element of the storage; other modules use the length-checked `withUnsafeBufferPointer`.
    var pointer: UnsafeMutablePointer<Float> { storage.pointer }

    /// The number of axes.
    public var rank: Int { shape.count }

    /// The elements in row-major order.
    public var scalars: [Float] { Array(UnsafeBufferPointer(start: pointer, count: count)) }

    /// The value of a one-element tensor.
    public var item: Float {
        precondition(count == 1, "item needs a one-element tensor, got shape \(shape)")
        return pointer[0]
    }

    /// A tensor with the same values that is cut off from the graph and needs no gradient.
    public func detached() -> Tensor { Tensor(shape: shape, storage: storage) }

    /// A fresh copy of the values, cut off from the graph.
    public func copy() -> Tensor {
        let result = Tensor(uninitializedShape: shape)
        result.pointer.update(from: pointer, count: count)
        return result
    }
}

extension Tensor: CustomStringConvertible {
    public var description: String {
        let shown = scalars.prefix(8).map { String($0) }.joined(separator: ", ")
        return "Tensor(shape: \(shape), [\(shown)\(count > 8 ? ", ..." : "")])"
    }
}
