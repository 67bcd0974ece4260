/// e^x in plain arithmetic (no libm call), so that loops over it vectorise; within 2 ulp of expf on
/// [-87, 88] (tested), 0 below that range.
///
/// The Cephes method: x = n ln 2 + r with |r| <= ln 2 / 2, a degree-6 polynomial for e^r, and 2^n put
/// straight into the exponent bits.
package enum VectorExp {
    @inline(__always)
    package static func exp(_ x: Float) -> Float {
        let clamped = min(max(x, -87.33), 88.37)
        // Adding 1.5 * 2^23 rounds x / ln 2 to the nearest integer n, which lands in the low mantissa bits.
        let shifted = clamped * 1.442_695_04 + 12_582_912
        let n = shifted - 12_582_912
        let r = (clamped - n * 0.693_359_375) + n * 2.121_944_4e-4
        var p: Float = 1.987_569_15e-4
        p = p * r + 1.398_199_95e-3
        p = p * r + 8.333_451_9e-3
        p = p * r + 4.166_579_59e-2
        p = p * r + 1.666_666_55e-1
        p = p * r + 5.000_000_12e-1
        let er = p * r * r + r + 1
        let scale = Float(bitPattern: (shifted.bitPattern &- 0x4B40_0000 &+ 127) << 23)
        return x < -87.33 ? 0 : er * scale
    }
}
