import Foundation
import LatentCore
import LatentNN
import LatentTestSupport
import Testing

@Suite struct RegularisationLossTests {
    /// The unbiased MMD written out pair by pair in Double.
    func directMMD(_ x: [[Double]], _ y: [[Double]], scale: Double) -> Double {
        func k(_ a: [Double], _ b: [Double]) -> Double {
            scale / (scale + zip(a, b).map { ($0 - $1) * ($0 - $1) }.reduce(0, +))
        }
        let n = Double(x.count)
        var (xx, yy, xy) = (0.0, 0.0, 0.0)
        for i in x.indices {
            for j in x.indices where i != j {
                xx += k(x[i], x[j])
                yy += k(y[i], y[j])
            }
            for j in y.indices { xy += k(x[i], y[j]) }
        }
        return (xx + yy) / (n * (n - 1)) - 2 * xy / (n * n)
    }

    func rows(_ tensor: Tensor) -> [[Double]] {
        let width = tensor.shape[1]
        return (0..<tensor.shape[0]).map { row in (0..<width).map { Double(tensor.scalars[row * width + $0]) } }
    }

    @Test func mmdMatchesItsDefinitionAndTellsDistributionsApart() {
        var generator = SeededGenerator(seed: 4)
        let prior = Tensor.normal([64, 4], using: &generator)
        let alike = Tensor.normal([64, 4], using: &generator)
        let shifted = alike + 2
        let near = Loss.maximumMeanDiscrepancy(alike, prior, scale: 8).item
        let far = Loss.maximumMeanDiscrepancy(shifted, prior, scale: 8).item
        #expect(abs(Double(near) - directMMD(rows(alike), rows(prior), scale: 8)) < 1e-5)
        #expect(abs(Double(far) - directMMD(rows(shifted), rows(prior), scale: 8)) < 1e-5)
        // Samples of the same distribution score near 0 (the estimate is unbiased); shifted ones well above.
        #expect(abs(near) < 0.02 && far > 0.3, "MMD \(near) alike, \(far) shifted")
    }

    @Test func mmdGradientMatchesFiniteDifferences() {
        let prior = randomTensor([5, 3], seed: 21)
        let result = checkGradients([randomTensor([5, 3], seed: 22)], epsilon: 1e-3) {
            Loss.maximumMeanDiscrepancy($0[0], prior, scale: 6) * 10
        }
        #expect(result.worstError < 1e-2, "\(result)")
    }

    /// The encoder h = sigmoid(x W^T + b); its Jacobian by central differences, squared and summed, per sample.
    @Test func contractivePenaltyIsTheJacobiansSquaredNorm() {
        let (x, weight, bias) = (
            randomTensor([2, 4], seed: 31), randomTensor([3, 4], seed: 32), randomTensor([3], seed: 33)
        )
        func encode(_ input: [Float]) -> [Float] {
            Tensor.linear(Tensor(shape: [1, 4], scalars: input), weight: weight, bias: bias).sigmoid().scalars
        }
        var squaredNorm: Double = 0
        for sample in 0..<2 {
            let input = Array(x.scalars[(sample * 4)..<(sample * 4 + 4)])
            for i in 0..<4 {
                var (above, below) = (input, input)
                above[i] += 1e-2
                below[i] -= 1e-2
                for (a, b) in zip(encode(above), encode(below)) { squaredNorm += pow(Double(a - b) / 2e-2, 2) }
            }
        }
        let hidden = Tensor.linear(x, weight: weight, bias: bias).sigmoid()
        let penalty = Loss.contractivePenalty(hidden: hidden, weight: weight).item
        #expect(
            abs(Double(penalty) - squaredNorm / 2) < 1e-4 * max(1, squaredNorm), "\(penalty) against \(squaredNorm / 2)"
        )

        let result = checkGradients([x, weight, bias], epsilon: 1e-3) { inputs in
            let h = Tensor.linear(inputs[0], weight: inputs[1], bias: inputs[2]).sigmoid()
            return Loss.contractivePenalty(hidden: h, weight: inputs[1]) * 10
        }
        #expect(result.worstError < 1e-2, "\(result)")
    }
}
