import CLAPACKE
import Foundation
import LatentCore

/// A mixture of K Gaussians with full covariances in D dimensions: a density over codes that can be fitted
/// (`fit`), evaluated (`logDensities`) and sampled (`sample`). The regularised autoencoder draws its samples from one
/// fitted to its training codes (ex-post density estimation, Ghosh et al. 2020).
///
/// Shapes: K = components, D = dimensions. The parameters are kept in Float, as a checkpoint stores them, so that a
/// mixture read back is the one written bit for bit; the arithmetic runs in Double.
public struct GaussianMixture {
    /// (K) the mixing weights, positive, summing to 1.
    public let weights: Tensor
    /// (K, D) the components' means.
    public let means: Tensor
    /// (K, D, D) the components' covariances, each symmetric positive definite.
    public let covariances: Tensor
    /// (K, D, D) each covariance's lower Cholesky factor L (Sigma = L L^T), row-major, its upper triangle zero.
    let factors: [Double]
    /// (K) log w_k - 1/2 log det Sigma_k - D/2 log 2 pi: each component's log-density at its mean.
    let logNormalisers: [Double]

    /// K, the number of components.
    public var components: Int { weights.shape[0] }
    /// D, the dimensions of the points it describes.
    public var dimensions: Int { means.shape[1] }

    /// A mixture of the given parameters, refused with a `LatentError` saying what is wrong when the shapes disagree,
    /// a weight is not positive, the weights do not sum to 1, or a covariance is not positive definite.
    ///
    /// - Parameters:
    ///   - weights: (K) the mixing weights.
    ///   - means: (K, D) the means.
    ///   - covariances: (K, D, D) the covariances.
    public init(weights: Tensor, means: Tensor, covariances: Tensor) throws(LatentError) {
        let k = weights.shape.first ?? 0
        let d = means.rank == 2 ? means.shape[1] : 0
        guard weights.rank == 1, k >= 1, means.shape == [k, d], d >= 1, covariances.shape == [k, d, d] else {
            throw LatentError(
                "a Gaussian mixture needs weights (K), means (K, D) and covariances (K, D, D); got weights "
                    + "\(weights.shape), means \(means.shape), covariances \(covariances.shape)")
        }
        let mixing = weights.scalars.map(Double.init)
        guard mixing.allSatisfy({ $0 > 0 && $0.isFinite }), abs(mixing.reduce(0, +) - 1) < 1e-4 else {
            throw LatentError("a Gaussian mixture's weights must be positive and sum to 1; got \(weights.scalars)")
        }
        guard means.scalars.allSatisfy(\.isFinite) else {
            throw LatentError("a Gaussian mixture's means must be finite numbers")
        }
        factors = try Self.choleskyFactors(covariances.scalars.map(Double.init), components: k, dimensions: d)
        logNormalisers = Self.logNormalisers(weights: mixing, factors: factors, dimensions: d)
        (self.weights, self.means, self.covariances) = (weights, means, covariances)
    }

    /// The lower Cholesky factor of each of `components` (D, D) matrices in `covariances`, through LAPACKE's dpotrf;
    /// throws naming the component whose matrix is not symmetric positive definite (or not finite).
    static func choleskyFactors(
        _ covariances: [Double], components: Int, dimensions d: Int
    ) throws(LatentError) -> [Double] {
        var factors = covariances
        for component in 0..<components {
            let info = factors.withUnsafeMutableBufferPointer { buffer in
                let matrix = buffer.baseAddress! + component * d * d
                for row in 0..<d {
                    for column in 0..<d where !matrix[row * d + column].isFinite { return Int32(-1) }
                }
                let info = LAPACKE_dpotrf(LAPACK_ROW_MAJOR, CChar(UInt8(ascii: "L")), Int32(d), matrix, Int32(d))
                for row in 0..<d { for column in (row + 1)..<d { matrix[row * d + column] = 0 } }
                return info
            }
            guard info == 0 else {
                throw LatentError(
                    "a Gaussian mixture's covariance \(component) is not symmetric positive definite "
                        + "(LAPACKE_dpotrf: \(info))")
            }
        }
        return factors
    }

    /// log w_k - sum_i log L_k,ii - D/2 log 2 pi for each component: the log-density at the mean, weighted.
    static func logNormalisers(weights: [Double], factors: [Double], dimensions d: Int) -> [Double] {
        let logTwoPi = 1.8378770664093453  // log(2 pi)
        return weights.indices.map { component in
            var logDeterminant: Double = 0
            for i in 0..<d { logDeterminant += 2 * Foundation.log(factors[component * d * d + i * d + i]) }
            return Foundation.log(weights[component]) - 0.5 * (logDeterminant + Double(d) * logTwoPi)
        }
    }
}
