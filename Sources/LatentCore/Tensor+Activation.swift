import Foundation

extension Tensor {
    /// e raised to each element.
    public func exp() -> Tensor {
        Tensor.record(mapped(Exp()), inputs: [self]) { y, g in [Tensor.zipMapped(g, y, Product())] }
    }

    /// The natural logarithm of each element.
    public func log() -> Tensor {
        Tensor.record(mapped(Log()), inputs: [self]) { _, g in [Tensor.zipMapped(g, self, Quotient())] }
    }

    /// The square root of each element.
    public func sqrt() -> Tensor {
        Tensor.record(mapped(SquareRoot()), inputs: [self]) { y, g in [Tensor.zipMapped(g, y, SquareRootGradient())] }
    }

    /// Each element raised to `exponent`.
    public func pow(_ exponent: Float) -> Tensor {
        Tensor.record(mapped(Power(exponent: exponent)), inputs: [self]) { _, g in
            [Tensor.zipMapped(g, self, PowerGradient(exponent: exponent))]
        }
    }

    /// max(x, 0).
    public func relu() -> Tensor {
        Tensor.record(mapped(ReLU()), inputs: [self]) { _, g in [Tensor.zipMapped(g, self, ReLUGradient())] }
    }

    /// x for positive x, `slope * x` otherwise.
    public func leakyRelu(slope: Float = 0.01) -> Tensor {
        Tensor.record(mapped(LeakyReLU(slope: slope)), inputs: [self]) { _, g in
            [Tensor.zipMapped(g, self, LeakyReLUGradient(slope: slope))]
        }
    }

    /// 1 / (1 + e^-x), computed without overflow for large |x|.
    public func sigmoid() -> Tensor {
        Tensor.record(mapped(Sigmoid()), inputs: [self]) { y, g in [Tensor.zipMapped(g, y, SigmoidGradient())] }
    }

    /// The hyperbolic tangent of each element.
    public func tanh() -> Tensor {
        Tensor.record(mapped(Tanh()), inputs: [self]) { y, g in [Tensor.zipMapped(g, y, TanhGradient())] }
    }
}

// The functions, and the gradients (g, y or x) -> dx that their backward passes apply.
private struct Exp: ElementFunction { func callAsFunction(_ x: Float) -> Float { Foundation.exp(x) } }
private struct Log: ElementFunction { func callAsFunction(_ x: Float) -> Float { Foundation.log(x) } }
private struct SquareRoot: ElementFunction { func callAsFunction(_ x: Float) -> Float { x.squareRoot() } }
private struct Tanh: ElementFunction { func callAsFunction(_ x: Float) -> Float { VectorTanh.tanh(x) } }
private struct Product: ElementPairFunction { func callAsFunction(_ g: Float, _ y: Float) -> Float { g * y } }
private struct Quotient: ElementPairFunction { func callAsFunction(_ g: Float, _ x: Float) -> Float { g / x } }
private struct SquareRootGradient: ElementPairFunction {
    func callAsFunction(_ g: Float, _ y: Float) -> Float { 0.5 * g / y }
}
private struct TanhGradient: ElementPairFunction {
    func callAsFunction(_ g: Float, _ y: Float) -> Float { g * (1 - y * y) }
}
private struct SigmoidGradient: ElementPairFunction {
    func callAsFunction(_ g: Float, _ y: Float) -> Float { g * y * (1 - y) }
}

private struct Power: ElementFunction {
    let exponent: Float
    func callAsFunction(_ x: Float) -> Float { Foundation.pow(x, exponent) }
}

private struct PowerGradient: ElementPairFunction {
    let exponent: Float
    func callAsFunction(_ g: Float, _ x: Float) -> Float { g * exponent * Foundation.pow(x, exponent - 1) }
}

private struct ReLU: ElementFunction { func callAsFunction(_ x: Float) -> Float { max(x, 0) } }
private struct ReLUGradient: ElementPairFunction {
    func callAsFunction(_ g: Float, _ x: Float) -> Float { x > 0 ? g : 0 }
}

private struct LeakyReLU: ElementFunction {
    let slope: Float
    func callAsFunction(_ x: Float) -> Float { x > 0 ? x : slope * x }
}

private struct LeakyReLUGradient: ElementPairFunction {
    let slope: Float
    func callAsFunction(_ g: Float, _ x: Float) -> Float { x > 0 ? g : slope * g }
}

/// 1 / (1 + e^-x) as e^-|x| / (1 + e^-|x|) or its complement, so that e never overflows; with `VectorExp`
/// instead of libm's expf, the loop vectorises.
private struct Sigmoid: ElementFunction {
    func callAsFunction(_ x: Float) -> Float {
        let e = VectorExp.exp(-abs(x))
        let s = 1 / (1 + e)
        return x >= 0 ? s : e * s
    }
}
