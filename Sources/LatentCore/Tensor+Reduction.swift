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
        let (source, destination) = (pointer, out.pointer)
        if out.count == 1 {
            destination[0] = Tensor.total(source, count: count)
            return out
        }
        let walk = StridedWalk(
            shape: shape,
            strides: (
                contiguousStrides(shape), broadcastStrides(of: target, to: shape), [Int](repeating: 0, count: rank)
            ))
        let n = walk.runLength
        let (sourceStride, destinationStride, _) = walk.runStrides
        if sourceStride == 1 && destinationStride == 1 {
            // Rows added into one row (a bias gradient): the threads take disjoint columns of every row.
            parallelRanges(n, minimumPerPiece: max(8, elementwiseGrain * n / max(count, 1)), clock: .elementwise) {
                columns in
                walk.forEachRun { offsets in
                    let (x, y) = (source + offsets.0, destination + offsets.1)
                    for i in columns { y[i] += x[i] }
                }
            }
            return out
        }
        KernelClock.measure(.elementwise) {
            walk.forEachRun { offsets in
                let (x, y) = (source + offsets.0, destination + offsets.1)
                if destinationStride == 0 {
                    y[0] += Tensor.total(x, count: n, stride: sourceStride)
                } else {
                    for i in 0..<n { y[i &* destinationStride] += x[i &* sourceStride] }
                }
            }
        }
        return out
    }

    /// The sum of `count` floats `stride` apart, with eight running sums (vectorisable, and fewer rounding
    /// steps in a row than one running sum), split across the worker pool when long and contiguous.
    package static func total(_ x: UnsafePointer<Float>, count: Int, stride: Int = 1) -> Float {
        guard stride == 1 else {
            var total: Float = 0
            for i in 0..<count { total += x[i &* stride] }
            return total
        }
        let pieces = max(1, min(4 * WorkerPool.shared.threads, count / elementwiseGrain))
        var partials = [Float](repeating: 0, count: pieces)
        partials.withUnsafeMutableBufferPointer { partials in
            let sums = partials.baseAddress!
            WorkerPool.shared.run(pieces: pieces) { piece in
                KernelClock.measure(.elementwise) {
                    let (start, end) = (piece * count / pieces, (piece + 1) * count / pieces)
                    sums[piece] = serialTotal(x + start, count: end - start)
                }
            }
        }
        return partials.reduce(0, +)
    }

    /// The sum of `count` contiguous floats on the calling thread, with eight running sums (vectorisable).
    @inline(__always)
    static func serialTotal(_ x: UnsafePointer<Float>, count: Int) -> Float {
        var lanes = SIMD8<Float>()
        var i = 0
        while i + 8 <= count {
            lanes += UnsafeRawPointer(x + i).loadUnaligned(as: SIMD8<Float>.self)
            i += 8
        }
        var total = lanes.sum()
        while i < count {
            total += x[i]
            i += 1
        }
        return total
    }

    /// Sums over `axes` (negative axes count from the end); all axes when `axes` is `nil`.
    public func sum(axes: [Int]? = nil, keepingDimensions: Bool = false) -> Tensor {
        let reduced = Set((axes ?? Array(0..<rank)).map { normalizedAxis($0) })
        let keptShape = shape.indices.map { reduced.contains($0) ? 1 : shape[$0] }
        let finalShape =
            keepingDimensions ? keptShape : shape.indices.filter { !reduced.contains($0) }.map { shape[$0] }
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

    /// The sum of the elements and of their squares, each element widened to Double first and added in order
    /// (a dataset's pixel statistics: millions of values that a Float sum would round away).
    package func elementSums() -> (sum: Double, sumOfSquares: Double) {
        var (sum, sumOfSquares) = (0.0, 0.0)
        for i in 0..<count {
            let value = Double(pointer[i])
            sum += value
            sumOfSquares += value * value
        }
        return (sum, sumOfSquares)
    }

    /// `axis` as a non-negative index, or a precondition failure naming the shape.
    package func normalizedAxis(_ axis: Int) -> Int {
        let normalized = axis < 0 ? axis + rank : axis
        precondition(normalized >= 0 && normalized < rank, "axis \(axis) is out of range for shape \(shape)")
        return normalized
    }
}
