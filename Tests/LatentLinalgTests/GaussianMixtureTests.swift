import Foundation
import LatentCore
import LatentLinalg
import LatentTestSupport
import Testing

@Suite struct GaussianMixtureTests {
    /// Two well-separated 2-D Gaussians: weights 0.3 and 0.7, correlated and axis-aligned covariances.
    let truth: (weights: [Double], means: [[Double]], covariances: [[Double]]) = (
        [0.3, 0.7], [[-4, 0], [4, 2]], [[1, 0.5, 0.5, 1], [0.5, 0, 0, 2]]
    )

    /// `count` points drawn from `truth`: x = mu + L e, with L the 2x2 Cholesky factor written out.
    func drawn(_ count: Int, seed: UInt64) -> Tensor {
        var generator = SeededGenerator(seed: seed)
        let noise = Tensor.normal([count, 2], using: &generator).scalars.map(Double.init)
        var points: [Float] = []
        for row in 0..<count {
            let component = Double.random(in: 0..<1, using: &generator) < truth.weights[0] ? 0 : 1
            let (mean, c) = (truth.means[component], truth.covariances[component])
            let l11 = c[0].squareRoot()
            let l21 = c[2] / l11
            let l22 = (c[3] - l21 * l21).squareRoot()
            let (e1, e2) = (noise[2 * row], noise[2 * row + 1])
            points += [Float(mean[0] + l11 * e1), Float(mean[1] + l21 * e1 + l22 * e2)]
        }
        return Tensor(shape: [count, 2], scalars: points)
    }

    @Test func recoversTwoKnownGaussiansAndNeverLowersTheLikelihood() throws {
        let fit = try GaussianMixture.fit(drawn(4_000, seed: 1), components: 2, seed: 3)
        let mixture = fit.mixture
        // The component nearer (-4, 0) is the first Gaussian's.
        let means = mixture.means.scalars.map(Double.init)
        let first = means[0] < means[2] ? 0 : 1
        for (fitted, known) in [(first, 0), (1 - first, 1)] {
            let weight = Double(mixture.weights.scalars[fitted])
            #expect(abs(weight - truth.weights[known]) < 0.03, "weight \(weight) against \(truth.weights[known])")
            for axis in 0..<2 {
                let mean = means[fitted * 2 + axis]
                #expect(abs(mean - truth.means[known][axis]) < 0.1, "mean \(mean) against \(truth.means[known])")
            }
            let covariance = mixture.covariances.scalars[(fitted * 4)..<(fitted * 4 + 4)].map(Double.init)
            for (value, expected) in zip(covariance, truth.covariances[known]) {
                #expect(abs(value - expected) < 0.15, "covariance \(covariance) against \(truth.covariances[known])")
            }
        }
        #expect(fit.converged && fit.logLikelihoods.count >= 2)
        for (before, after) in zip(fit.logLikelihoods, fit.logLikelihoods.dropFirst()) {
            #expect(after >= before - 1e-9, "EM lowered the log-likelihood: \(fit.logLikelihoods)")
        }
        // Two Gaussians of these covariances: about -3.3 nats per point; a poor fit scores far lower.
        let last = try #require(fit.logLikelihoods.last)
        #expect(last > -3.6 && last < -3.0, "\(last) nats per point")
    }

    @Test func aFitIsDeterministic() throws {
        let points = drawn(500, seed: 2)
        let (a, b) = (
            try GaussianMixture.fit(points, components: 3, seed: 5),
            try GaussianMixture.fit(points, components: 3, seed: 5)
        )
        #expect(a.mixture.means.scalars.map(\.bitPattern) == b.mixture.means.scalars.map(\.bitPattern))
        #expect(a.mixture.covariances.scalars.map(\.bitPattern) == b.mixture.covariances.scalars.map(\.bitPattern))
    }

    @Test func logDensityMatchesTheFormulaWrittenOut() throws {
        let mixture = try GaussianMixture(
            weights: Tensor(shape: [2], scalars: truth.weights.map(Float.init)),
            means: Tensor(shape: [2, 2], scalars: truth.means.flatMap { $0.map(Float.init) }),
            covariances: Tensor(shape: [2, 2, 2], scalars: truth.covariances.flatMap { $0.map(Float.init) }))
        let points: [[Double]] = [[0, 0], [-4, 0.5], [3, 3], [10, -7]]
        let computed = mixture.logDensities(of: Tensor(shape: [4, 2], scalars: points.flatMap { $0.map(Float.init) }))
        for (point, value) in zip(points, computed) {
            var density: Double = 0
            for component in 0..<2 {
                let c = truth.covariances[component]
                let determinant = c[0] * c[3] - c[1] * c[2]
                let (u, v) = (point[0] - truth.means[component][0], point[1] - truth.means[component][1])
                let mahalanobis = (c[3] * u * u - 2 * c[1] * u * v + c[0] * v * v) / determinant
                density += truth.weights[component] * exp(-mahalanobis / 2) / (2 * Double.pi * determinant.squareRoot())
            }
            // The parameters are Float (0.3 is 0.30000001), so agreement is to about 1e-7.
            #expect(abs(value - log(density)) < 1e-6 * max(1, abs(value)), "\(point): \(value) against \(log(density))")
        }
    }

    @Test func samplesHaveTheMixturesMoments() throws {
        let mixture = try GaussianMixture.fit(drawn(2_000, seed: 4), components: 2, seed: 1).mixture
        var generator = SeededGenerator(seed: 9)
        let samples = mixture.sample(40_000, using: &generator).scalars.map(Double.init)
        let (w, m, c) = (
            mixture.weights.scalars.map(Double.init), mixture.means.scalars.map(Double.init),
            mixture.covariances.scalars.map(Double.init)
        )
        // The mixture's mean sum_k w_k mu_k and covariance sum_k w_k (Sigma_k + mu_k mu_k^T) - m m^T.
        let mean = (0..<2).map { axis in w[0] * m[axis] + w[1] * m[2 + axis] }
        let covariance = (0..<4).map { entry in
            let (i, j) = (entry / 2, entry % 2)
            return (0..<2).map { k in w[k] * (c[k * 4 + entry] + m[k * 2 + i] * m[k * 2 + j]) }.reduce(0, +)
                - mean[i] * mean[j]
        }
        let count = Double(samples.count / 2)
        let sampleMean = (0..<2).map { axis in
            stride(from: axis, to: samples.count, by: 2).map { samples[$0] }.reduce(0, +) / count
        }
        for axis in 0..<2 { #expect(abs(sampleMean[axis] - mean[axis]) < 0.05, "mean \(sampleMean) against \(mean)") }
        for entry in 0..<4 {
            let (i, j) = (entry / 2, entry % 2)
            var total: Double = 0
            for row in 0..<Int(count) {
                total += (samples[row * 2 + i] - sampleMean[i]) * (samples[row * 2 + j] - sampleMean[j])
            }
            let sampled = total / count
            #expect(
                abs(sampled - covariance[entry]) < 0.05 * max(1, abs(covariance[entry])),
                "\(entry): \(sampled) against \(covariance[entry])")
        }
    }

    @Test func badParametersAndTooFewPointsAreRefused() {
        #expect(throws: LatentError.self) {
            try GaussianMixture.fit(Tensor(shape: [3, 2], scalars: [0, 0, 1, 1, 2, 2]), components: 5)
        }
        #expect {
            try GaussianMixture.fit(Tensor(repeating: 1, shape: [20, 2]), components: 2)
        } throws: { "\($0)".contains("distinct points") }
        #expect {
            try GaussianMixture(
                weights: Tensor(shape: [1], scalars: [1]), means: Tensor(zeros: [1, 2]),
                covariances: Tensor(shape: [1, 2, 2], scalars: [1, 2, 2, 1]))
        } throws: { "\($0)".contains("covariance 0 is not symmetric positive definite") }
        #expect {
            try GaussianMixture(
                weights: Tensor(shape: [2], scalars: [0.5, 0.6]), means: Tensor(zeros: [2, 2]),
                covariances: Tensor(shape: [2, 2, 2], scalars: [1, 0, 0, 1, 1, 0, 0, 1]))
        } throws: { "\($0)".contains("sum to 1") }
    }
}
