/// Walks up to three same-shaped views (two inputs and an output, say) whose strides may be 0
/// along broadcast axes, one contiguous innermost run at a time.
///
/// Axes of size 1 are dropped and neighbouring axes that every view walks as one are merged,
/// so `(N, C, H, W) + (1, C, 1, 1)` becomes three axes with runs of `H * W` elements.
package struct StridedWalk {
    package typealias Offsets = (Int, Int, Int)

    /// Elements in each innermost run.
    package let runLength: Int
    /// Each view's stride within a run.
    package let runStrides: Offsets
    private let outerSizes: [Int]
    private let outerStrides: [Offsets]

    /// - Parameters:
    ///   - shape: the shape walked.
    ///   - strides: each view's stride per axis of `shape` (unused views may pass zeros).
    package init(shape: [Int], strides: (a: [Int], b: [Int], c: [Int])) {
        var sizes: [Int] = []
        var merged: [Offsets] = []
        for axis in shape.indices where shape[axis] != 1 {
            let stride = (strides.a[axis], strides.b[axis], strides.c[axis])
            if let lastSize = sizes.last, let last = merged.last,
                last.0 == stride.0 * shape[axis], last.1 == stride.1 * shape[axis],
                last.2 == stride.2 * shape[axis]
            {
                sizes[sizes.count - 1] = lastSize * shape[axis]
                merged[merged.count - 1] = stride
            } else {
                sizes.append(shape[axis])
                merged.append(stride)
            }
        }
        runLength = sizes.popLast() ?? 1
        runStrides = merged.popLast() ?? (0, 0, 0)
        outerSizes = sizes
        outerStrides = merged
    }

    /// Calls `body` with each view's offset at the start of every run, in row-major order.
    @inline(__always)
    package func forEachRun(_ body: (Offsets) -> Void) {
        var offsets: Offsets = (0, 0, 0)
        guard !outerSizes.isEmpty else {
            body(offsets)
            return
        }
        var index = [Int](repeating: 0, count: outerSizes.count)
        while true {
            body(offsets)
            var axis = outerSizes.count - 1
            while axis >= 0 {
                let stride = outerStrides[axis]
                index[axis] += 1
                offsets = (offsets.0 + stride.0, offsets.1 + stride.1, offsets.2 + stride.2)
                if index[axis] < outerSizes[axis] { break }
                let size = outerSizes[axis]
                offsets = (offsets.0 - stride.0 * size, offsets.1 - stride.1 * size, offsets.2 - stride.2 * size)
                index[axis] = 0
                axis -= 1
            }
            if axis < 0 { return }
        }
    }
}

/// Row-major strides of a contiguous tensor.
package func contiguousStrides(_ shape: [Int]) -> [Int] {
    var strides = [Int](repeating: 1, count: shape.count)
    var running = 1
    for axis in shape.indices.reversed() {
        strides[axis] = running
        running *= shape[axis]
    }
    return strides
}

/// Strides that read a contiguous tensor of `shape` as if it had `target`'s shape
/// (0 along the axes it is broadcast over).
package func broadcastStrides(of shape: [Int], to target: [Int]) -> [Int] {
    let padded = [Int](repeating: 1, count: target.count - shape.count) + shape
    let strides = contiguousStrides(padded)
    return target.indices.map { padded[$0] == 1 ? 0 : strides[$0] }
}

/// The shape two tensors broadcast to (NumPy's rules), or `nil` when they do not.
package func broadcastShape(_ a: [Int], _ b: [Int]) -> [Int]? {
    let rank = max(a.count, b.count)
    let paddedA = [Int](repeating: 1, count: rank - a.count) + a
    let paddedB = [Int](repeating: 1, count: rank - b.count) + b
    var result: [Int] = []
    for (x, y) in zip(paddedA, paddedB) {
        guard x == y || x == 1 || y == 1 else { return nil }
        result.append(x == 1 ? y : x)
    }
    return result
}
