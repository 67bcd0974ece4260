import Foundation
import LatentCore
import LatentNN
import LatentTestSupport
import Testing

@Suite struct LossTests {
    @Test func valuesMatchTheirDefinitions() {
        let logits = Tensor(shape: [2, 3], scalars: [1, 2, 3, 0, 0, 50])
        let ce = Loss.crossEntropy(logits: logits, labels: [2, 0]).item
        let expected = (-log(exp(3.0) / (exp(1.0) + exp(2.0) + exp(3.0))) + 50) / 2
        #expect(abs(Double(ce) - expected) < 1e-4)

        let x = Tensor(shape: [3], scalars: [-100, 0, 2])
        let t = Tensor(shape: [3], scalars: [0, 1, 0.5])
        let bce = Loss.binaryCrossEntropy(logits: x, targets: t).item
        let direct = (0 + log(2.0) + (-(0.5 * log(1 / (1 + exp(-2.0))) + 0.5 * log(1 - 1 / (1 + exp(-2.0)))))) / 3
        #expect(abs(Double(bce) - direct) < 1e-5)

        let mean = Tensor(shape: [1, 2], scalars: [1, 0])
        let logVariance = Tensor(shape: [1, 2], scalars: [0, Float(log(4.0))])
        // KL = 0.5 * (1 + 1 - 0 - 1) + 0.5 * (4 + 0 - log 4 - 1)
        #expect(
            abs(
                Double(Loss.gaussianKLDivergence(mean: mean, logVariance: logVariance).item)
                    - (0.5 + 0.5 * (3 - log(4.0)))) < 1e-5)
        #expect(Loss.l1Activity(Tensor(shape: [2, 2], scalars: [1, -3, 0, 0])).item == 1)
        #expect(
            Loss.meanSquaredError(Tensor(shape: [2], scalars: [1, 3]), Tensor(shape: [2], scalars: [0, 1])).item == 2.5)
    }

    @Test func gradientsMatchFiniteDifferences() {
        let target = randomTensor([3, 4], in: 0...1, seed: 5)
        let cases: [(String, ([Tensor]) -> Tensor)] = [
            ("mse", { Loss.meanSquaredError($0[0], target) }),
            ("bce", { Loss.binaryCrossEntropy(logits: $0[0] * 3, targets: target) }),
            ("cross-entropy", { Loss.crossEntropy(logits: $0[0], labels: [3, 0, 1]) }),
            ("l1", { Loss.l1Activity($0[0]) }),
            ("kl", { Loss.gaussianKLDivergence(mean: $0[0], logVariance: $0[0] * 0.5) }),
        ]
        for (name, loss) in cases {
            let input = name == "l1" ? spreadTensor([3, 4], seed: 1) : randomTensor([3, 4], seed: 1)
            let result = checkGradients([input], loss)
            #expect(result.worstError < 5e-3, "\(name): \(result)")
        }
    }
}
