extension Tensor {
    /// Sums over the axes where `target` (right-aligned, padded with ones) has size 1.
    ///
    /// The result has shape `target`; this is the adjoint of broadcasting to `shape`.
    package func sum(toShape target: [Int]) -> Tensor {
        precondition(target.count <= rank, "cannot sum shape \(shape) to the larger rank of \(target)")
        let padded = [Int](repeating: 1, count: rank - target.count) + target
        for (size, targetSize) in zip(shape, padded) {
            precondition(targetSize == size || targetSize == 1, "cannot sum shape \(shape) to shape \(target)")
        }
        let out = Tensor(zeros: target)
        let walk = StridedWalk(shape: shape, strides: (
            contiguousStrides(shape), broadcastStrides(of: target, to: shape), [Int](repeating: 0, count: rank)))
        let (source, destination) = (pointer, out.pointer)
        let n = walk.runLength
        let (sourceStride, destinationStride, _) = walk.runStrides
        walk.forEachRun { offsets in
            let (x, y) = (source + offsets.0, destination + offsets.1)
            if destinationStride == 0 {
                var total: Float = 0
                for i in 0..<n { total += x[i * sourceStride] }
                y[0] += total
            } else {
                for i in 0..<n { y[i * destinationStride] += x[i * sourceStride] }
            }
        }
        return out
    }

    /// Sums over `axes` (negative axes count from the end); all axes when `axes` is `nil`.
    public func sum(axes: [Int]? = nil, keepingDimensions: Bool = false) -> Tensor {
        let reduced = Set((axes ?? Array(0..<rank)).map { normalizedAxis($0) })
        let keptShape = shape.indices.map { reduced.contains($0) ? 1 : shape[$0] }
        let finalShape = keepingDimensions ? keptShape : shape.indices.filter { !reduced.contains($0) }.map { shape[$0] }
        let inputShape = shape
        let summed = sum(toShape: keptShape)
        let out = Tensor(shape: finalShape, storage: summed.storage)
        return Tensor.record(out, inputs: [self]) { _, g in
            // Restore the kept axes so that the gradient broadcasts back over the summed ones.
            let expanded = Tensor(shape: keptShape, storage: g.storage)
            return [expanded.broadcasted(to: inputShape)]
        }
    }

    /// The mean over `axes`; all axes when `axes` is `nil`.
    public func mean(axes: [Int]? = nil, keepingDimensions: Bool = false) -> Tensor {
        let reduced = Set((axes ?? Array(0..<rank)).map { normalizedAxis($0) })
        let elements = reduced.reduce(1) { $0 * shape[$1] }
        return sum(axes: axes, keepingDimensions: keepingDimensions) * (1 / Float(max(elements, 1)))
    }

    /// `axis` as a non-negative index, or a precondition failure naming the shape.
    package func normalizedAxis(_ axis: Int) -> Int {
        let normalized = axis < 0 ? axis + rank : axis
        precondition(normalized >= 0 && normalized < rank, "axis \(axis) is out of range for shape \(shape)")
        return normalized
    }
}
