import COpenBLAS
import Foundation
import LatentCore

extension GaussianMixture {
    /// A mixture fitted by expectation-maximisation, and the mean log-likelihood per point that each E-step found.
    public struct Fit {
        /// The fitted mixture.
        public let mixture: GaussianMixture
        /// The mean log-likelihood of the points (nats per point) before each M-step and after the last; EM never
        /// lowers it.
        public let logLikelihoods: [Double]
        /// Whether the last step improved it by less than the tolerance (otherwise the iterations ran out).
        public let converged: Bool
    }

    /// Fits a mixture of `components` full-covariance Gaussians to the rows of `points` by expectation-maximisation,
    /// started from k-means++ centres (`seed` picks them, so a fit is deterministic) with each point given to its
    /// nearest centre.
    ///
    /// Shapes: N = points, D = dimensions, K = components. Each E-step costs K triangular solves of (N, D); each
    /// M-step one (K, N) x (N, D) product for the means and K rank-N updates (dsyrk) for the covariances.
    ///
    /// - Parameters:
    ///   - points: (N, D) the data, N at least `components`, every value finite.
    ///   - components: K, at least 1.
    ///   - iterations: the most M-steps.
    ///   - tolerance: EM stops once the mean log-likelihood per point rises by less than this (nats).
    ///   - covarianceFloor: added to each covariance's diagonal so that none becomes singular (scikit-learn's
    ///     `reg_covar`).
    ///   - seed: seeds the k-means++ centres.
    public static func fit(
        _ points: Tensor, components: Int = 10, iterations: Int = 100, tolerance: Double = 1e-4,
        covarianceFloor: Double = 1e-6, seed: UInt64 = 0
    ) throws(LatentError) -> Fit {
        guard points.rank == 2, points.shape[1] >= 1, components >= 1, points.shape[0] >= components else {
            throw LatentError(
                "a Gaussian mixture of \(components) components needs at least as many points (N, D); got "
                    + "\(points.shape)")
        }
        guard points.scalars.allSatisfy(\.isFinite) else {
            throw LatentError("a Gaussian mixture is fitted to finite points; these \(points.shape) have others")
        }
        let (n, d) = (points.shape[0], points.shape[1])
        let x = points.scalars.map(Double.init)
        var generator = SeededGenerator(seed: seed)
        let centres = try kMeansPlusPlusCentres(x, count: n, dimensions: d, components: components, using: &generator)
        var responsibilities = nearestCentreAssignment(x, count: n, dimensions: d, centres: centres)
        var logLikelihoods: [Double] = []
        var parameters = maximisation(
            x, count: n, dimensions: d, responsibilities: responsibilities, covarianceFloor: covarianceFloor)
        var converged = false
        for step in 0...iterations {
            let factors = try choleskyFactors(parameters.covariances, components: components, dimensions: d)
            let joint = componentLogDensities(
                x, count: n, means: parameters.means, factors: factors,
                logNormalisers: logNormalisers(weights: parameters.weights, factors: factors, dimensions: d))
            let perPoint = logSumExpRows(joint, columns: components)
            logLikelihoods.append(perPoint.reduce(0, +) / Double(n))
            if let previous = logLikelihoods.dropLast().last, logLikelihoods[step] - previous < tolerance {
                converged = true
                break
            }
            if step == iterations { break }
            responsibilities = posteriors(joint, perPoint: perPoint, components: components)
            parameters = maximisation(
                x, count: n, dimensions: d, responsibilities: responsibilities, covarianceFloor: covarianceFloor)
        }
        let mixture = try GaussianMixture(
            weights: Tensor(shape: [components], scalars: parameters.weights.map(Float.init)),
            means: Tensor(shape: [components, d], scalars: parameters.means.map(Float.init)),
            covariances: Tensor(shape: [components, d, d], scalars: parameters.covariances.map(Float.init)))
        return Fit(mixture: mixture, logLikelihoods: logLikelihoods, converged: converged)
    }

    /// The posterior of each component for each point, e^(joint - log p(x)), (N, K).
    private static func posteriors(_ joint: [Double], perPoint: [Double], components k: Int) -> [Double] {
        var responsibilities = joint
        for row in perPoint.indices {
            for component in 0..<k {
                responsibilities[row * k + component] = exp(joint[row * k + component] - perPoint[row])
            }
        }
        return responsibilities
    }

    /// The M-step: weights, means and covariances (each in Double, row-major) that maximise the expected
    /// log-likelihood under `responsibilities` (N, K).
    private static func maximisation(
        _ x: [Double], count n: Int, dimensions d: Int, responsibilities: [Double], covarianceFloor: Double
    ) -> (weights: [Double], means: [Double], covariances: [Double]) {
        let k = responsibilities.count / n
        // A component that no point chose keeps a tiny mass instead of dividing by zero (as scikit-learn does).
        var masses = [Double](repeating: 10 * Double.ulpOfOne, count: k)
        for row in 0..<n { for component in 0..<k { masses[component] += responsibilities[row * k + component] } }
        // Means: R^T X (K, N) x (N, D), each row divided by its mass.
        var means = [Double](repeating: 0, count: k * d)
        cblas_dgemm(
            CblasRowMajor, CblasTrans, CblasNoTrans, Int32(k), Int32(d), Int32(n), 1, responsibilities, Int32(k), x,
            Int32(d), 0, &means, Int32(d))
        for component in 0..<k { for column in 0..<d { means[component * d + column] /= masses[component] } }
        // Covariances: the centred rows scaled by sqrt(r), then (D, D) = Y^T Y / mass through dsyrk.
        var covariances = [Double](repeating: 0, count: k * d * d)
        var scaled = [Double](repeating: 0, count: n * d)
        for component in 0..<k {
            for row in 0..<n {
                let weight = responsibilities[row * k + component].squareRoot()
                for column in 0..<d {
                    scaled[row * d + column] = (x[row * d + column] - means[component * d + column]) * weight
                }
            }
            covariances.withUnsafeMutableBufferPointer { covariances in
                let matrix = covariances.baseAddress! + component * d * d
                cblas_dsyrk(
                    CblasRowMajor, CblasLower, CblasTrans, Int32(d), Int32(n), 1 / masses[component], scaled,
                    Int32(d), 0, matrix, Int32(d))
                for row in 0..<d {
                    matrix[row * d + row] += covarianceFloor
                    for column in 0..<row { matrix[column * d + row] = matrix[row * d + column] }
                }
            }
        }
        return (masses.map { $0 / Double(n) }, means, covariances)
    }
}
