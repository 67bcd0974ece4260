import COpenBLAS
import LatentCore

extension GaussianMixture {
    /// `count` points drawn from the mixture, (count, D): each picks a component by its weight, then
    /// mu_k + L_k e with e drawn from N(0, I).
    ///
    /// - Parameters:
    ///   - count: how many points.
    ///   - generator: draws the components and the noise.
    public func sample(_ count: Int, using generator: inout some RandomNumberGenerator) -> Tensor {
        let d = dimensions
        let cumulative = weights.scalars.map(Double.init).reduce(into: [Double]()) { $0.append(($0.last ?? 0) + $1) }
        let mean = means.scalars.map(Double.init)
        var points = Tensor.normal([count, d], using: &generator).scalars.map(Double.init)
        factors.withUnsafeBufferPointer { factors in
            for row in 0..<count {
                let draw = Double.random(in: 0..<(cumulative.last ?? 1), using: &generator)
                let component = cumulative.firstIndex { draw < $0 } ?? components - 1
                points.withUnsafeMutableBufferPointer { points in
                    let point = points.baseAddress! + row * d
                    // e := L e in place (a triangular matrix-vector product), then + mu.
                    cblas_dtrmv(
                        CblasRowMajor, CblasLower, CblasNoTrans, CblasNonUnit, Int32(d),
                        factors.baseAddress! + component * d * d, Int32(d), point, 1)
                    for column in 0..<d { point[column] += mean[component * d + column] }
                }
            }
        }
        return Tensor(shape: [count, d], scalars: points.map(Float.init))
    }
}
