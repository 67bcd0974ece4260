import LatentTestSupport
import Testing

// The ops that other modules call instead of looping over a tensor's buffer themselves; `pointer` and the
// SGD element loop are internal to LatentCore.
@testable import LatentCore

/// Each op on small inputs whose answers are exact in Float (powers of two), and, where it replaced a loop
/// elsewhere, against that loop as it was written there: the same bits.
@Suite struct EngineOpTests {
    // p = [1, -2], g = [0.5, 4], lr 0.5, weight decay 0.25: d = g + 0.25 p = [0.75, 3.5].
    @Test func sgdWithoutMomentumStepsAlongTheDecayedGradient() {
        let (p, g) = (Tensor(shape: [2], scalars: [1, -2]), Tensor(shape: [2], scalars: [0.5, 4]))
        let step = OptimizerKernels.SGDStep(learningRate: 0.5, momentum: 0, weightDecay: 0.25, nesterov: false)
        OptimizerKernels.sgd(step, parameter: p, gradient: g, velocity: nil)
        #expect(p.scalars == [0.625, -3.75])
    }

    // With v = [2, -1] and momentum 0.5: v = 0.5 v + d = [1.75, 3].
    @Test(arguments: [false, true])
    func sgdWithMomentumUpdatesTheVelocityThenTheParameter(nesterov: Bool) {
        let (p, g, v) = (
            Tensor(shape: [2], scalars: [1, -2]), Tensor(shape: [2], scalars: [0.5, 4]),
            Tensor(shape: [2], scalars: [2, -1])
        )
        let step = OptimizerKernels.SGDStep(learningRate: 0.5, momentum: 0.5, weightDecay: 0.25, nesterov: nesterov)
        OptimizerKernels.sgd(step, parameter: p, gradient: g, velocity: v)
        #expect(v.scalars == [1.75, 3])
        // Classical: p -= 0.5 v; Nesterov: p -= 0.5 (d + 0.5 v) = 0.5 [1.625, 5].
        #expect(p.scalars == (nesterov ? [0.1875, -4.5] : [0.125, -3.5]))
    }

    /// Large enough to be split across the worker pool; the expected values come from SGD's former loop.
    @Test(arguments: [(Float(0), false), (0.9, false), (0.9, true)])
    func sgdGivesTheBitsOfThePlainLoop(momentum: Float, nesterov: Bool) {
        let count = 3 * elementwiseGrain + 3
        let (p, g, v) = (randomTensor([count], seed: 1), randomTensor([count], seed: 2), randomTensor([count], seed: 3))
        var (q, u) = (p.scalars, v.scalars)
        let (lr, wd, grad) = (Float(0.01), Float(5e-4), g.scalars)
        for i in q.indices {
            let d = grad[i] + wd * q[i]
            if momentum == 0 {
                q[i] -= lr * d
                continue
            }
            u[i] = momentum * u[i] + d
            q[i] -= lr * (nesterov ? d + momentum * u[i] : u[i])
        }
        let step = OptimizerKernels.SGDStep(learningRate: lr, momentum: momentum, weightDecay: wd, nesterov: nesterov)
        OptimizerKernels.sgd(step, parameter: p, gradient: g, velocity: momentum > 0 ? v : nil)
        #expect(p.scalars == q)
        #expect(v.scalars == (momentum > 0 ? u : randomTensor([count], seed: 3).scalars))
    }

    @Test func sumOfSquaresRunsOverEveryTensorAndScaleMultipliesInPlace() {
        let (a, b) = (Tensor(shape: [2], scalars: [3, 4]), Tensor(shape: [1, 1], scalars: [-12]))
        #expect(OptimizerKernels.sumOfSquares([a, b]) == 169)
        #expect(OptimizerKernels.sumOfSquares([]) == 0)
        OptimizerKernels.scale([a, b], by: 0.5)
        #expect(a.scalars == [1.5, 2] && b.scalars == [-6])
    }

    @Test func moveAverageMixesTheSampleInWithTheMomentum() {
        let running = Tensor(shape: [2], scalars: [1, 2])
        running.moveAverage(toward: Tensor(shape: [1, 2], scalars: [3, -2]), momentum: 0.25)
        #expect(running.scalars == [1.5, 1])
        running.moveAverage(toward: Tensor(shape: [1, 2, 1, 1], scalars: [3, -2]), momentum: 0.25, scale: 2)
        // 0.75 [1.5, 1] + 0.25 [3, -2] 2
        #expect(running.scalars == [2.625, -0.25])
    }

    /// BatchNorm's momentum 0.1 and the unbiased factor 4 / 3, against its former loops.
    @Test func moveAverageGivesTheBitsOfBatchNormsFormerLoops() {
        let (running, sample) = (randomTensor([37], seed: 4), randomTensor([1, 37], in: 0...2, seed: 5))
        let (momentum, unbiased) = (Float(0.1), Float(4) / Float(3))
        let (x, y) = (running.scalars, sample.scalars)
        let mean = x.indices.map { (1 - momentum) * x[$0] + momentum * y[$0] }
        let variance = x.indices.map { (1 - momentum) * x[$0] + momentum * y[$0] * unbiased }
        let (a, b) = (running.copy(), running.copy())
        a.moveAverage(toward: sample, momentum: momentum)
        b.moveAverage(toward: sample, momentum: momentum, scale: unbiased)
        #expect(a.scalars == mean && b.scalars == variance)
    }

    @Test func clampLimitsEachElementAndKeepsNaN() {
        let x = Tensor(shape: [2, 3], scalars: [-0.5, 0, 0.25, 1, 1.5, .nan])
        x.clamp(to: 0...1)
        #expect(Array(x.scalars.prefix(5)) == [0, 0, 0.25, 1, 1])
        #expect(x.scalars[5].isNaN)
    }

    @Test func oneHotPutsAOneInEachLabelsColumn() {
        let x = Tensor.oneHot(labels: [2, 0, 1, 2], classes: 3)
        #expect(x.shape == [4, 3])
        #expect(x.scalars == [0, 0, 1, 1, 0, 0, 0, 1, 0, 0, 0, 1])
        #expect(Tensor.oneHot(labels: [], classes: 5).shape == [0, 5])
    }

    @Test func rowMaximaGiveEachRowsLargestValueAndTheFirstColumnOnATie() {
        let x = Tensor(shape: [3, 3], scalars: [0.125, 0.75, 0.25, 0.5, 0.5, -1, -3, -2, -2.5])
        let maxima = x.rowMaxima()
        #expect(maxima.map(\.column) == [1, 0, 1])
        #expect(maxima.map(\.value) == [0.75, 0.5, -2])
        #expect(Tensor(zeros: [0, 4]).rowMaxima().isEmpty)
    }

    @Test func elementSumsAddInDouble() {
        let sums = Tensor(shape: [2, 2], scalars: [1, 2, 3, -0.5]).elementSums()
        #expect(sums.sum == 5.5 && sums.sumOfSquares == 14.25)
        // 2^24 + 1 is not a Float: a Float running sum would lose the ones.
        let wide = Tensor(shape: [3], scalars: [16_777_216, 1, 1]).elementSums()
        #expect(wide.sum == 16_777_218)
    }

    /// One uniform draw per element in order, the draws a copy of the generator makes.
    @Test func zeroElementsDrawsOncePerElement() {
        let x = Tensor(repeating: 2, shape: [64])
        var (generator, replay) = (SeededGenerator(seed: 7), SeededGenerator(seed: 7))
        x.zeroElements(withProbability: 0.25, using: &generator)
        let expected: [Float] = (0..<64).map { _ in Float.random(in: 0..<1, using: &replay) < 0.25 ? 0 : 2 }
        #expect(x.scalars == expected)
        #expect(expected.contains(0) && expected.contains(2))
        #expect(generator.next() == replay.next())
    }
}
