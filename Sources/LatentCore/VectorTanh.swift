/// tanh(x) in plain arithmetic (no libm call), so that loops over it vectorise; within 1e-6 of tanhf, relatively
/// (tested).
///
/// Below |x| = 1/4 an odd Taylor polynomial (its first left-out term is under 4e-9 there); above,
/// 1 - 2 / (e^2|x| + 1) with `VectorExp`, which would lose digits to cancellation near 0.
package enum VectorTanh {
    @inline(__always)
    package static func tanh(_ x: Float) -> Float {
        let magnitude = abs(x)
        let large = 1 - 2 / (VectorExp.exp(2 * magnitude) + 1)
        let square = x * x
        var series: Float = 62.0 / 2835
        series = series * square - 17.0 / 315
        series = series * square + 2.0 / 15
        series = series * square - 1.0 / 3
        let small = x + x * square * series
        return magnitude < 0.25 ? small : (x < 0 ? -large : large)
    }
}
