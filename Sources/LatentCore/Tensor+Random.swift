import Foundation

extension Tensor {
    /// Values drawn uniformly from `range`.
    public static func uniform(
        _ shape: [Int], in range: ClosedRange<Float>, requiresGrad: Bool = false,
        using generator: inout some RandomNumberGenerator
    ) -> Tensor {
        let out = Tensor(uninitializedShape: shape)
        for i in 0..<out.count { out.pointer[i] = Float.random(in: range, using: &generator) }
        out.requiresGrad = requiresGrad
        return out
    }

    /// Sets each element to 0 with probability `fraction`, in place: one uniform draw per element, in order.
    package func zeroElements(withProbability fraction: Float, using generator: inout some RandomNumberGenerator) {
        for i in 0..<count where Float.random(in: 0..<1, using: &generator) < fraction { pointer[i] = 0 }
    }

    /// Values drawn from a normal distribution (Box-Muller).
    public static func normal<Generator: RandomNumberGenerator>(
        _ shape: [Int], mean: Float = 0, standardDeviation: Float = 1, requiresGrad: Bool = false,
        using generator: inout Generator
    ) -> Tensor {
        let out = Tensor(uninitializedShape: shape)
        // Called from another module, this function is not specialised, and every draw would reach the generator
        // through its witness table; the project's own generator gets a loop specialised for it (the same numbers).
        if var seeded = generator as? SeededGenerator {
            out.fillNormal(mean: mean, standardDeviation: standardDeviation, using: &seeded)
            generator = seeded as! Generator
        } else {
            out.fillNormal(mean: mean, standardDeviation: standardDeviation, using: &generator)
        }
        out.requiresGrad = requiresGrad
        return out
    }

    @inline(__always)
    private func fillNormal(mean: Float, standardDeviation: Float, using generator: inout some RandomNumberGenerator) {
        var i = 0
        while i < count {
            let u = Float.random(in: Float.ulpOfOne..<1, using: &generator)
            let v = Float.random(in: 0..<1, using: &generator)
            let radius = (-2 * Foundation.log(u)).squareRoot()
            pointer[i] = mean + standardDeviation * radius * Foundation.cos(2 * .pi * v)
            if i + 1 < count {
                pointer[i + 1] = mean + standardDeviation * radius * Foundation.sin(2 * .pi * v)
            }
            i += 2
        }
    }

    /// He/Kaiming uniform initialisation for layers followed by ReLU: U(-b, b) with b = sqrt(6 / fanIn).
    public static func kaimingUniform(
        _ shape: [Int], fanIn: Int, requiresGrad: Bool = true,
        using generator: inout some RandomNumberGenerator
    ) -> Tensor {
        let bound = (6 / Float(max(fanIn, 1))).squareRoot()
        return uniform(shape, in: -bound...bound, requiresGrad: requiresGrad, using: &generator)
    }

    /// Glorot/Xavier uniform initialisation: U(-b, b) with b = sqrt(6 / (fanIn + fanOut)).
    public static func xavierUniform(
        _ shape: [Int], fanIn: Int, fanOut: Int, requiresGrad: Bool = true,
        using generator: inout some RandomNumberGenerator
    ) -> Tensor {
        let bound = (6 / Float(max(fanIn + fanOut, 1))).squareRoot()
        return uniform(shape, in: -bound...bound, requiresGrad: requiresGrad, using: &generator)
    }
}
