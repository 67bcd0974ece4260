import Foundation

extension Tensor {
    /// e raised to each element.
    public func exp() -> Tensor {
        Tensor.record(mapped { Foundation.exp($0) }, inputs: [self]) { y, g in [Tensor.zipMapped(g, y) { $0 * $1 }] }
    }

    /// The natural logarithm of each element.
    public func log() -> Tensor {
        Tensor.record(mapped { Foundation.log($0) }, inputs: [self]) { _, g in [Tensor.zipMapped(g, self) { $0 / $1 }] }
    }

    /// The square root of each element.
    public func sqrt() -> Tensor {
        Tensor.record(mapped { $0.squareRoot() }, inputs: [self]) { y, g in [Tensor.zipMapped(g, y) { 0.5 * $0 / $1 }] }
    }

    /// Each element raised to `exponent`.
    public func pow(_ exponent: Float) -> Tensor {
        Tensor.record(mapped { Foundation.pow($0, exponent) }, inputs: [self]) { _, g in
            [Tensor.zipMapped(g, self) { $0 * exponent * Foundation.pow($1, exponent - 1) }]
        }
    }

    /// max(x, 0).
    public func relu() -> Tensor {
        Tensor.record(mapped { max($0, 0) }, inputs: [self]) { _, g in [Tensor.zipMapped(g, self) { $1 > 0 ? $0 : 0 }] }
    }

    /// x for positive x, `slope * x` otherwise.
    public func leakyRelu(slope: Float = 0.01) -> Tensor {
        Tensor.record(mapped { $0 > 0 ? $0 : slope * $0 }, inputs: [self]) { _, g in
            [Tensor.zipMapped(g, self) { $1 > 0 ? $0 : slope * $0 }]
        }
    }

    /// 1 / (1 + e^-x), computed without overflow for large |x|.
    public func sigmoid() -> Tensor {
        let y = mapped { x in
            x >= 0 ? 1 / (1 + Foundation.exp(-x)) : Foundation.exp(x) / (1 + Foundation.exp(x))
        }
        return Tensor.record(y, inputs: [self]) { y, g in [Tensor.zipMapped(g, y) { $0 * $1 * (1 - $1) }] }
    }

    /// The hyperbolic tangent of each element.
    public func tanh() -> Tensor {
        Tensor.record(mapped { Foundation.tanh($0) }, inputs: [self]) { y, g in [Tensor.zipMapped(g, y) { $0 * (1 - $1 * $1) }] }
    }
}
