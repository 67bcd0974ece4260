/// An element-wise binary operation, a type per operation so that loops specialise and inline it.
package protocol BinaryKernel {
    static func apply(_ a: Float, _ b: Float) -> Float
}

package enum AddKernel: BinaryKernel {
    @inline(__always) package static func apply(_ a: Float, _ b: Float) -> Float { a + b }
}
package enum SubtractKernel: BinaryKernel {
    @inline(__always) package static func apply(_ a: Float, _ b: Float) -> Float { a - b }
}
package enum MultiplyKernel: BinaryKernel {
    @inline(__always) package static func apply(_ a: Float, _ b: Float) -> Float { a * b }
}
package enum DivideKernel: BinaryKernel {
    @inline(__always) package static func apply(_ a: Float, _ b: Float) -> Float { a / b }
}

extension Tensor {
    /// Applies `Kernel` element-wise with broadcasting; no graph is recorded.
    ///
    /// Same shapes, and a tensor with a single value on either side, run as one flat loop split across the
    /// worker pool; other broadcasts walk the shapes run by run.
    package static func broadcasting<Kernel: BinaryKernel>(_ a: Tensor, _ b: Tensor, _: Kernel.Type) -> Tensor {
        guard let shape = broadcastShape(a.shape, b.shape) else {
            preconditionFailure("shapes \(a.shape) and \(b.shape) do not broadcast")
        }
        let out = Tensor(uninitializedShape: shape)
        let (pa, pb, po) = (a.pointer, b.pointer, out.pointer)
        let flat =
            a.count == out.count && b.count == out.count
            ? (1, 1)
            : a.count == out.count && b.count == 1
                ? (1, 0)
                : a.count == 1 && b.count == out.count ? (0, 1) : nil
        if let (sa, sb) = flat {
            parallelRanges(out.count, minimumPerPiece: elementwiseGrain, clock: .elementwise) { range in
                switch (sa, sb) {
                case (1, 1): for i in range { po[i] = Kernel.apply(pa[i], pb[i]) }
                case (1, 0):
                    let v = pb[0]
                    for i in range { po[i] = Kernel.apply(pa[i], v) }
                default:
                    let v = pa[0]
                    for i in range { po[i] = Kernel.apply(v, pb[i]) }
                }
            }
            return out
        }
        KernelClock.measure(.elementwise) {
            let walk = StridedWalk(
                shape: shape,
                strides: (
                    broadcastStrides(of: a.shape, to: shape), broadcastStrides(of: b.shape, to: shape),
                    contiguousStrides(shape)
                ))
            let n = walk.runLength
            let (sa, sb, _) = walk.runStrides
            walk.forEachRun { offsets in
                let (x, y, z) = (pa + offsets.0, pb + offsets.1, po + offsets.2)
                switch (sa, sb) {
                case (1, 1): for i in 0..<n { z[i] = Kernel.apply(x[i], y[i]) }
                case (1, 0):
                    let v = y[0]
                    for i in 0..<n { z[i] = Kernel.apply(x[i], v) }
                case (0, 1):
                    let v = x[0]
                    for i in 0..<n { z[i] = Kernel.apply(v, y[i]) }
                default: for i in 0..<n { z[i] = Kernel.apply(x[i &* sa], y[i &* sb]) }
                }
            }
        }
        return out
    }

    /// Sums a broadcast gradient back down to `shape`: the one place broadcasting is undone.
    package func unbroadcast(to target: [Int]) -> Tensor {
        shape == target ? self : sum(toShape: target)
    }

    public static func + (a: Tensor, b: Tensor) -> Tensor {
        record(broadcasting(a, b, AddKernel.self), inputs: [a, b]) { _, g in
            [
                a.requiresGrad ? g.unbroadcast(to: a.shape) : nil,
                b.requiresGrad ? g.unbroadcast(to: b.shape) : nil,
            ]
        }
    }

    public static func - (a: Tensor, b: Tensor) -> Tensor {
        record(broadcasting(a, b, SubtractKernel.self), inputs: [a, b]) { _, g in
            [
                a.requiresGrad ? g.unbroadcast(to: a.shape) : nil,
                b.requiresGrad ? (-g).unbroadcast(to: b.shape) : nil,
            ]
        }
    }

    public static func * (a: Tensor, b: Tensor) -> Tensor {
        record(broadcasting(a, b, MultiplyKernel.self), inputs: [a, b]) { _, g in
            [
                a.requiresGrad ? broadcasting(g, b, MultiplyKernel.self).unbroadcast(to: a.shape) : nil,
                b.requiresGrad ? broadcasting(g, a, MultiplyKernel.self).unbroadcast(to: b.shape) : nil,
            ]
        }
    }

    public static func / (a: Tensor, b: Tensor) -> Tensor {
        record(broadcasting(a, b, DivideKernel.self), inputs: [a, b]) { out, g in
            let gOverB = broadcasting(g, b, DivideKernel.self)
            return [
                a.requiresGrad ? gOverB.unbroadcast(to: a.shape) : nil,
                b.requiresGrad ? (-broadcasting(gOverB, out, MultiplyKernel.self)).unbroadcast(to: b.shape) : nil,
            ]
        }
    }

    public static prefix func - (a: Tensor) -> Tensor { a * -1 }

    public static func + (a: Tensor, b: Float) -> Tensor { a + Tensor(scalar: b) }
    public static func - (a: Tensor, b: Float) -> Tensor { a - Tensor(scalar: b) }
    public static func * (a: Tensor, b: Float) -> Tensor { a * Tensor(scalar: b) }
    public static func / (a: Tensor, b: Float) -> Tensor { a * Tensor(scalar: 1 / b) }
    public static func + (a: Float, b: Tensor) -> Tensor { Tensor(scalar: a) + b }
    public static func - (a: Float, b: Tensor) -> Tensor { Tensor(scalar: a) - b }
    public static func * (a: Float, b: Tensor) -> Tensor { Tensor(scalar: a) * b }
    public static func / (a: Float, b: Tensor) -> Tensor { Tensor(scalar: a) / b }

    /// Adds `other` (same shape) into this tensor's storage; for gradients and optimizers, never recorded.
    package func addInPlace(_ other: Tensor, scale: Float = 1) {
        precondition(other.count == count, "cannot add shape \(other.shape) into shape \(shape)")
        let (p, q) = (pointer, other.pointer)
        parallelRanges(count, minimumPerPiece: elementwiseGrain, clock: .elementwise) { range in
            for i in range { p[i] += scale * q[i] }
        }
    }
}
