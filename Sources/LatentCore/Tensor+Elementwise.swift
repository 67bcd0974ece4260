/// An element-wise function, a value of a type of its own, so that a loop handed to the worker pool is
/// specialised for it and calls it inline (a closure would cost a call per element on the other thread).
package protocol ElementFunction {
    func callAsFunction(_ x: Float) -> Float
}

/// An element-wise function of two values, specialised like `ElementFunction`.
package protocol ElementPairFunction {
    func callAsFunction(_ a: Float, _ b: Float) -> Float
}

extension Tensor {
    /// A new tensor of the same shape with `function` applied to each element, split across the worker pool
    /// for large tensors.
    package func mapped(_ function: some ElementFunction) -> Tensor {
        let out = Tensor(uninitializedShape: shape)
        let (source, destination) = (pointer, out.pointer)
        parallelRanges(count, minimumPerPiece: elementwiseGrain, clock: .elementwise) { range in
            for i in range { destination[i] = function(source[i]) }
        }
        return out
    }

    /// Combines two same-shaped tensors element by element, split like `mapped`.
    package static func zipMapped(_ a: Tensor, _ b: Tensor, _ function: some ElementPairFunction) -> Tensor {
        precondition(a.shape == b.shape, "element-wise shapes differ: \(a.shape) and \(b.shape)")
        let out = Tensor(uninitializedShape: a.shape)
        let (x, y, z) = (a.pointer, b.pointer, out.pointer)
        parallelRanges(a.count, minimumPerPiece: elementwiseGrain, clock: .elementwise) { range in
            for i in range { z[i] = function(x[i], y[i]) }
        }
        return out
    }

    /// A copy of this tensor broadcast to `target` (NumPy's rules).
    package func broadcasted(to target: [Int]) -> Tensor {
        guard broadcastShape(shape, target) == target else {
            preconditionFailure("shape \(shape) does not broadcast to \(target)")
        }
        let out = Tensor(uninitializedShape: target)
        let walk = StridedWalk(
            shape: target,
            strides: (
                broadcastStrides(of: shape, to: target), contiguousStrides(target), contiguousStrides(target)
            ))
        let (source, destination) = (pointer, out.pointer)
        let (n, step) = (walk.runLength, walk.runStrides.0)
        walk.forEachRun { offsets in
            let (x, z) = (source + offsets.0, destination + offsets.2)
            if step == 0 { z.update(repeating: x[0], count: n) } else { for i in 0..<n { z[i] = x[i * step] } }
        }
        return out
    }
}
