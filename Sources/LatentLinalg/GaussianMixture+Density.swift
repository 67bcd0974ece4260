import COpenBLAS
import Foundation
import LatentCore

extension GaussianMixture {
    /// The log-density of the mixture at each row of `points` (N, D) -> N values, in nats.
    ///
    /// - Parameter points: the points, one per row, of the mixture's dimensions.
    public func logDensities(of points: Tensor) -> [Double] {
        precondition(
            points.rank == 2 && points.shape[1] == dimensions,
            "logDensities: points \(points.shape) against a mixture of \(dimensions) dimensions")
        let x = points.scalars.map(Double.init)
        let joint = Self.componentLogDensities(
            x, count: points.shape[0], means: means.scalars.map(Double.init), factors: factors,
            logNormalisers: logNormalisers)
        return Self.logSumExpRows(joint, columns: components)
    }

    /// log w_k N(x_n | mu_k, L_k L_k^T) for every point and component, (N, K) row-major.
    ///
    /// Shapes: N = points, D = dimensions, K = components. Each component centres the points (a loop over one
    /// buffer) and solves L_k y = x - mu_k for all rows in one triangular solve (dtrsm); the Mahalanobis distance is
    /// ||y||^2.
    static func componentLogDensities(
        _ x: [Double], count n: Int, means: [Double], factors: [Double], logNormalisers: [Double]
    ) -> [Double] {
        let k = logNormalisers.count
        let d = means.count / k
        var joint = [Double](repeating: 0, count: n * k)
        var centred = [Double](repeating: 0, count: n * d)
        for component in 0..<k {
            x.withUnsafeBufferPointer { x in
                means.withUnsafeBufferPointer { means in
                    centred.withUnsafeMutableBufferPointer { centred in
                        let mean = means.baseAddress! + component * d
                        for row in 0..<n {
                            for column in 0..<d { centred[row * d + column] = x[row * d + column] - mean[column] }
                        }
                    }
                }
            }
            // Y L^T = X - mu, so each row of Y is L^-1 (x - mu).
            factors.withUnsafeBufferPointer { factors in
                cblas_dtrsm(
                    CblasRowMajor, CblasRight, CblasLower, CblasTrans, CblasNonUnit, Int32(n), Int32(d), 1,
                    factors.baseAddress! + component * d * d, Int32(d), &centred, Int32(d))
            }
            centred.withUnsafeBufferPointer { y in
                for row in 0..<n {
                    var squared: Double = 0
                    for column in 0..<d { squared += y[row * d + column] * y[row * d + column] }
                    joint[row * k + component] = logNormalisers[component] - 0.5 * squared
                }
            }
        }
        return joint
    }

    /// log sum_j e^(a_ij) of each row of `values` (N, columns) row-major, stable for large magnitudes.
    static func logSumExpRows(_ values: [Double], columns: Int) -> [Double] {
        let rows = values.count / columns
        var sums = [Double](repeating: 0, count: rows)
        values.withUnsafeBufferPointer { values in
            for row in 0..<rows {
                let start = row * columns
                var largest = -Double.infinity
                for column in 0..<columns { largest = max(largest, values[start + column]) }
                var total: Double = 0
                for column in 0..<columns { total += exp(values[start + column] - largest) }
                sums[row] = largest + log(total)
            }
        }
        return sums
    }
}
