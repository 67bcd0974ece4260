import Foundation
import LatentCore
import LatentNN
import LatentTestSupport
import Testing

@Suite struct ImportanceWeightTests {
    /// A Bernoulli VAE on 6 pixels with a 2-unit code: small enough for finite differences.
    private func model() throws -> VariationalAutoencoder {
        var generator = SeededGenerator(seed: 11)
        let spec = LayerSpec.variational(
            encoder: .sequential(layers: [.linear(inputs: 6, outputs: 4)]),
            decoder: .sequential(layers: [.linear(inputs: 2, outputs: 5), .tanh, .linear(inputs: 5, outputs: 6)]),
            codeSize: 2, likelihood: .bernoulli)
        return try #require(try spec.build(using: &generator) as? VariationalAutoencoder)
    }

    private let targets = Tensor(shape: [3, 6], scalars: (0..<18).map { Float(($0 * 7) % 5 < 2 ? 1 : 0) })

    @Test func engineOpsMatchTheirDefinitions() {
        let x = Tensor(shape: [2, 3], scalars: [-30, 0, 2, 1, 1, 80])
        let t = Tensor(shape: [2, 3], scalars: [0, 1, 1, 1, 0, 1])
        let rows = Tensor.bernoulliLogLikelihood(logits: x, targets: t).scalars
        func logSigmoid(_ v: Double) -> Double { -log1p(exp(-v)) }
        let first = logSigmoid(30) + logSigmoid(0) + logSigmoid(2)
        let second = logSigmoid(1) + logSigmoid(-1) + logSigmoid(80)
        #expect(abs(Double(rows[0]) - first) < 1e-5 && abs(Double(rows[1]) - second) < 1e-5)
        // Summed per row, it is the mean binary cross-entropy times the elements.
        let bce = Tensor.binaryCrossEntropy(logits: x, targets: t).item * 6
        #expect(abs(Double(-(rows[0] + rows[1]) - bce)) < 1e-4)

        // Across the range of e^-|x| that the kernel's own log(1 + e) sees, against Double.
        let wide = Tensor(shape: [1, 41], scalars: (0..<41).map { Float($0 - 20) * 0.9 })
        let direct = wide.scalars.map { x in -(max(Double(x), 0) - Double(x) + log1p(exp(-abs(Double(x))))) }
        let kernel = Tensor.bernoulliLogLikelihood(logits: wide, targets: Tensor(repeating: 1, shape: [1, 41])).item
        #expect(abs(Double(kernel) - direct.reduce(0, +)) < 1e-4, "\(kernel) against \(direct.reduce(0, +))")

        let sums = Tensor(shape: [2, 3], scalars: [1, 2, 3, 1000, 1000, -1000]).logSumExpRows().scalars
        #expect(abs(Double(sums[0]) - log(exp(1.0) + exp(2.0) + exp(3.0))) < 1e-5)
        #expect(abs(Double(sums[1]) - (1000 + log(2.0))) < 1e-3)
    }

    @Test(arguments: [1, 4])
    func boundGradientsMatchFiniteDifferences(samples: Int) throws {
        let model = try model()
        let mean = randomTensor([3, 2], seed: 2)
        let logVariance = randomTensor([3, 2], in: -1...0.5, seed: 3)
        let result = checkGradients([mean, logVariance]) { inputs in
            var generator = SeededGenerator(seed: 5)  // the same noise at every evaluation
            return model.logImportanceWeights(
                mean: inputs[0], logVariance: inputs[1], targets: targets, samples: samples, using: &generator
            ).logSumExpRows()
        }
        #expect(result.worstError < 5e-3, "\(result)")
    }

    @Test func oneSampleBoundIsTheELBOOfThatDraw() throws {
        let model = try model()
        let mean = randomTensor([3, 2], seed: 2)
        let logVariance = randomTensor([3, 2], in: -1...0.5, seed: 3)
        var generator = SeededGenerator(seed: 9)
        let bound = model.logImportanceWeights(
            mean: mean, logVariance: logVariance, targets: targets, samples: 1, using: &generator
        ).scalars
        // The same draw by hand: z = mean + sigma * noise, then log p(x|z) + log N(z; 0, 1) - log N(z; mean, sigma^2).
        var replay = SeededGenerator(seed: 9)
        let noise = Tensor.normal([3, 1, 2], using: &replay).reshaped([3, 2])
        let z = mean + (logVariance * 0.5).exp() * noise
        let logLikelihood = Tensor.bernoulliLogLikelihood(logits: model.decoder(z), targets: targets).scalars
        let (m, v, zs) = (mean.scalars, logVariance.scalars, z.scalars)
        for row in 0..<3 {
            var elbo = Double(logLikelihood[row])
            for unit in 0..<2 {
                let (zi, mi, vi) = (Double(zs[row * 2 + unit]), Double(m[row * 2 + unit]), Double(v[row * 2 + unit]))
                elbo += -0.5 * (zi * zi + log(2 * .pi))
                elbo -= -0.5 * ((zi - mi) * (zi - mi) / exp(vi) + vi + log(2 * .pi))
            }
            #expect(abs(Double(bound[row]) - elbo) < 1e-4, "row \(row): bound \(bound[row]), ELBO \(elbo)")
        }
    }

    @Test func oneSampleKLTermAveragesToTheClosedForm() throws {
        // log q(z|x) - log p(z) = log p(x|z) - log w averages over draws to the closed-form KL the VAE loss uses.
        let model = try model()
        let mean = Tensor(shape: [1, 2], scalars: [0.5, -1])
        let logVariance = Tensor(shape: [1, 2], scalars: [-0.5, 0.3])
        let draws = 20000
        var generator = SeededGenerator(seed: 4)
        let target = targets.rows(0..<1)
        let weights = model.logImportanceWeights(
            mean: mean, logVariance: logVariance, targets: target, samples: draws, using: &generator)
        var replay = SeededGenerator(seed: 4)
        let noise = Tensor.normal([1, draws, 2], using: &replay).reshaped([draws, 2])
        let z = mean + (logVariance * 0.5).exp() * noise
        let logLikelihood = Tensor.bernoulliLogLikelihood(
            logits: model.decoder(z),
            targets: Tensor(shape: [draws, 6], scalars: Array(repeating: target.scalars, count: draws).flatMap { $0 }))
        let klEstimate = (logLikelihood - weights.reshaped([draws])).mean().item
        let kl = Loss.gaussianKLDivergence(mean: mean, logVariance: logVariance).item
        #expect(abs(klEstimate - kl) < 0.03, "Monte Carlo KL \(klEstimate), closed form \(kl)")
    }
}
