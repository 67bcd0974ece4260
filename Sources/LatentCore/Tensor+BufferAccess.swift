/// How modules outside the engine reach a tensor's memory: through buffers that carry their length.
///
/// The storage's address itself is internal to LatentCore, so the compiler, not a convention, keeps other
/// modules from doing arithmetic on a bare pointer. A buffer is valid only inside the closure; its subscript is
/// checked in debug builds and free in release builds, so a loop over it is as fast as one over the pointer.
extension Tensor {
    /// The elements in row-major order, for reading.
    package func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Float>) throws -> R) rethrows -> R {
        try body(UnsafeBufferPointer(start: pointer, count: count))
    }

    /// The elements in row-major order, for writing in place (optimizers, data loaders, restored weights).
    package func withUnsafeMutableBufferPointer<R>(
        _ body: (UnsafeMutableBufferPointer<Float>) throws -> R
    ) rethrows -> R {
        try body(UnsafeMutableBufferPointer(start: pointer, count: count))
    }

    /// Overwrites elements `offset..<offset + source.count` with `source`'s values, shapes aside.
    package func copyValues(from source: Tensor, at offset: Int = 0) {
        precondition(
            offset >= 0 && offset + source.count <= count,
            "copyValues: \(source.count) values at \(offset) do not fit in \(count)")
        (pointer + offset).update(from: source.pointer, count: source.count)
    }
}
