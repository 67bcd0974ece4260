extension Tensor {
    /// A new tensor of the same shape with `transform` applied to each element; inlined into
    /// its caller so that the loop runs without a call per element.
    @inline(__always)
    package func mapped(_ transform: (Float) -> Float) -> Tensor {
        let out = Tensor(uninitializedShape: shape)
        let (source, destination) = (pointer, out.pointer)
        for i in 0..<count { destination[i] = transform(source[i]) }
        return out
    }

    /// Combines two same-shaped tensors element by element; inlined like `mapped`.
    @inline(__always)
    package static func zipMapped(_ a: Tensor, _ b: Tensor, _ combine: (Float, Float) -> Float) -> Tensor {
        precondition(a.shape == b.shape, "element-wise shapes differ: \(a.shape) and \(b.shape)")
        let out = Tensor(uninitializedShape: a.shape)
        let (x, y, z) = (a.pointer, b.pointer, out.pointer)
        for i in 0..<a.count { z[i] = combine(x[i], y[i]) }
        return out
    }

    /// A copy of this tensor broadcast to `target` (NumPy's rules).
    package func broadcasted(to target: [Int]) -> Tensor {
        guard broadcastShape(shape, target) == target else {
            preconditionFailure("shape \(shape) does not broadcast to \(target)")
        }
        let out = Tensor(uninitializedShape: target)
        let walk = StridedWalk(shape: target, strides: (
            broadcastStrides(of: shape, to: target), contiguousStrides(target), contiguousStrides(target)))
        let (source, destination) = (pointer, out.pointer)
        let (n, step) = (walk.runLength, walk.runStrides.0)
        walk.forEachRun { offsets in
            let (x, z) = (source + offsets.0, destination + offsets.2)
            if step == 0 { z.update(repeating: x[0], count: n) } else { for i in 0..<n { z[i] = x[i * step] } }
        }
        return out
    }
}
