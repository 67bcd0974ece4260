import Foundation
import LatentCore
import LatentNN
import LatentTestSupport
import Testing

/// NT-Xent and VICReg against the same formulas in NumPy (float64), and their gradients against finite differences.
@Suite struct SelfSupervisedLossTests {
    // Two views of three images in two dimensions.
    let first = Tensor(shape: [3, 2], scalars: [1, 0, 0, 2, -1, 1])
    let second = Tensor(shape: [3, 2], scalars: [1, 1, 0, 1, -2, 1])

    @Test(arguments: [(Float(0.5), 0.8441330389006115), (0.1, 0.24809698332698402)])
    func ntXentMatchesNumPy(temperature: Float, expected: Double) {
        let value = Loss.ntXent(first, second, temperature: temperature).item
        #expect(abs(Double(value) - expected) < 1e-5, "NT-Xent at \(temperature): \(value), NumPy \(expected)")
    }

    @Test func ntXentIgnoresScaleAndRewardsMatchingViews() {
        // Cosine similarity: scaling a row changes nothing.
        let scaled = Loss.ntXent(first * 3, second * 0.5).item
        #expect(abs(Double(scaled) - 0.8441330389006115) < 1e-5)
        // Views that agree exactly score lower than views paired with the wrong image.
        let agreeing = Loss.ntXent(first, first).item
        let swapped = Loss.ntXent(first, second.gatheredRows([1, 2, 0])).item
        #expect(agreeing < 0.8 && swapped > 1.2, "agreeing \(agreeing), mismatched \(swapped)")
    }

    @Test func vicRegTermsMatchNumPy() {
        let x = Tensor(shape: [4, 3], scalars: [0.1, 0.2, 0, 0.3, -0.1, 0.2, 0, 0.4, -0.3, 0.2, 0.1, 0.1])
        let y = Tensor(shape: [4, 3], scalars: [0.2, 0.1, 0.1, 0.1, 0, 0.3, -0.1, 0.5, -0.2, 0.4, 0.2, 0])
        let terms = Loss.vicRegTerms(x, y)
        #expect(abs(Double(terms.invariance.item) - 0.015) < 1e-6)
        #expect(abs(Double(terms.variance.item) - 0.8021303054146302) < 1e-5)
        #expect(abs(Double(terms.covariance.item) - 0.003933333333333334) < 1e-6)
        #expect(abs(Double(Loss.vicReg(x, y).item) - 20.432190968699086) < 1e-4)
    }

    @Test func vicRegVarianceHingeIsZeroForSpreadOutDimensions() {
        // Standard deviations of about 2 per dimension: nothing to push apart.
        let spread = Tensor(shape: [4, 2], scalars: [2, -2, -2, 2, 2, 2, -2, -2])
        #expect(Loss.vicRegTerms(spread, spread).variance.item == 0)
        #expect(Loss.vicRegTerms(spread, spread).covariance.item == 0)
    }

    @Test(arguments: [[3, 2], [5, 4]])
    func gradientsMatchFiniteDifferences(shape: [Int]) {
        let a = randomTensor(shape, seed: 3)
        let b = randomTensor(shape, seed: 4)
        let ntXent = checkGradients([a, b], epsilon: 1e-2) { Loss.ntXent($0[0], $0[1], temperature: 0.5) }
        #expect(ntXent.worstError < 5e-3, "NT-Xent: \(ntXent)")
        let vicReg = checkGradients([a, b], epsilon: 1e-2) { Loss.vicReg($0[0], $0[1]) }
        #expect(vicReg.worstError < 5e-3, "VICReg: \(vicReg)")
    }
}
