import LatentCore
import LatentNN
import LatentTestSupport
import Testing

/// The regularised autoencoder's two penalties (RAE-L2): their values written out, and their gradients against
/// finite differences.
@Suite struct RegularisedAutoencoderLossTests {
    @Test func codePenaltyIsHalfTheSquaredNormPerImage() {
        let codes = Tensor(shape: [2, 3], scalars: [1, 2, 2, 0, 3, 4])
        // Image norms squared 9 and 25: (9 / 2 + 25 / 2) / 2 images.
        #expect(Loss.halfSquaredCodeNorm(codes).item == 8.5)
    }

    @Test func l2PenaltyIsHalfTheSumOfSquaresOfEveryParameter() {
        let (weight, bias) = (Tensor(shape: [2, 2], scalars: [1, -2, 3, 0]), Tensor(shape: [2], scalars: [0.5, -1]))
        #expect(Loss.halfSquaredL2([weight, bias]).item == 7.625)
        #expect(Loss.halfSquaredL2([]).item == 0)
    }

    @Test(arguments: [[1, 4], [5, 3], [8, 32]])
    func codePenaltyGradientMatchesFiniteDifferences(_ shape: [Int]) {
        let result = checkGradients([randomTensor(shape, seed: 41)], epsilon: 1e-3) {
            Loss.halfSquaredCodeNorm($0[0])
        }
        #expect(result.worstError < 5e-3, "\(result)")
    }

    @Test func l2PenaltyGradientIsEachParameterItself() {
        let parameters = [
            randomTensor([3, 4], seed: 42), randomTensor([3], seed: 43), randomTensor([2, 3, 2], seed: 44),
        ]
        let result = checkGradients(parameters, epsilon: 1e-3) { Loss.halfSquaredL2($0) }
        #expect(result.worstError < 5e-3, "\(result)")
        let copies = parameters.map { Tensor(shape: $0.shape, scalars: $0.scalars, requiresGrad: true) }
        Loss.halfSquaredL2(copies).backward()
        for (parameter, copy) in zip(parameters, copies) {
            #expect(copy.grad?.scalars == parameter.scalars, "the gradient of 1/2 ||p||^2 is p")
        }
    }
}
