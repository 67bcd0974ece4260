import LatentCore
import LatentNN
import Testing

@Suite struct OptimizerTests {
    func parameter(_ values: [Float], grad: [Float]) -> Tensor {
        let p = Tensor(shape: [values.count], scalars: values, requiresGrad: true)
        p.grad = Tensor(shape: [grad.count], scalars: grad)
        return p
    }

    @Test func sgdWithMomentumAndNesterov() {
        let p = parameter([1], grad: [0.5])
        let plain = SGD(learningRate: 0.1, momentum: 0.9)
        plain.step([("p", p)])  // v = 0.5, p = 1 - 0.05
        plain.step([("p", p)])  // v = 0.95, p = 0.95 - 0.095
        #expect(abs(p.item - 0.855) < 1e-6)
        let q = parameter([1], grad: [0.5])
        let nesterov = SGD(learningRate: 0.1, momentum: 0.9, nesterov: true, weightDecay: 0.1)
        nesterov.step([("q", q)])  // d = 0.5 + 0.1 = 0.6, v = 0.6, step 0.6 + 0.54
        #expect(abs(q.item - (1 - 0.1 * 1.14)) < 1e-6)
    }

    @Test func adamFirstStepsMatchTheFormula() {
        let p = parameter([1, -2], grad: [0.5, -4])
        let adam = Adam(learningRate: 0.01)
        adam.step([("p", p)])
        // After bias correction m/sqrt(v) = sign(g), so each moves by lr against its gradient.
        #expect(abs(p.scalars[0] - 0.99) < 1e-6 && abs(p.scalars[1] - (-1.99)) < 1e-6)
        p.grad = Tensor(shape: [2], scalars: [0.5, 2])
        adam.step([("p", p)])
        let m = (0.9 * 0.1 * -4 + 0.1 * 2) / (1 - 0.81)
        let v = (0.999 * 0.001 * 16 + 0.001 * 4) / (1 - 0.999 * 0.999)
        #expect(abs(Double(p.scalars[1]) - (-1.99 - 0.01 * m / (v.squareRoot() + 1e-8))) < 1e-5)
    }

    @Test func adamWDecaysTheWeightsDirectly() {
        let p = parameter([2], grad: [0])
        Adam.adamW(learningRate: 0.1, weightDecay: 0.5).step([("p", p)])
        #expect(abs(p.item - 2 * (1 - 0.05)) < 1e-6)
    }

    @Test func frozenOrGradientlessParametersNeverMove() {
        let frozen = parameter([1], grad: [1])
        frozen.requiresGrad = false
        let noGradient = Tensor(shape: [1], scalars: [1], requiresGrad: true)
        let optimizer = Adam()
        optimizer.step([("a", frozen), ("b", noGradient)])
        #expect(frozen.item == 1 && noGradient.item == 1)
        #expect(optimizer.state.tensors.isEmpty)
    }

    @Test func stateRestoresExactly() throws {
        let p = parameter([1, 2], grad: [0.3, -0.2])
        let adam = Adam()
        adam.step([("p", p)])
        let copy = Adam()
        try copy.restore(adam.state)
        let q = parameter(p.scalars, grad: [0.1, 0.1])
        p.grad = Tensor(shape: [2], scalars: [0.1, 0.1])
        adam.step([("p", p)])
        copy.step([("p", q)])
        #expect(p.scalars == q.scalars)
        #expect(throws: LatentError.self) { try SGD(learningRate: 1).restore(adam.state) }
    }

    @Test func schedules() {
        #expect(LearningRateSchedule.step(rate: 1, every: 10, gamma: 0.5).rate(atStep: 25) == 0.25)
        let cosine = LearningRateSchedule.cosine(rate: 1, totalSteps: 100, minimum: 0.1)
        #expect(
            cosine.rate(atStep: 0) == 1 && abs(cosine.rate(atStep: 50) - 0.55) < 1e-6
                && abs(cosine.rate(atStep: 100) - 0.1) < 1e-6)
        let warm = LearningRateSchedule.warmup(steps: 4, then: .constant(0.8))
        #expect([0, 1, 3, 4, 100].map { warm.rate(atStep: $0) } == [0.2, 0.4, 0.8, 0.8, 0.8])
    }

    @Test func clippingScalesTheGlobalNorm() {
        let a = parameter([0], grad: [3])
        let b = parameter([0], grad: [4])
        let norm = clipGradientNorm([("a", a), ("b", b)], maxNorm: 1)
        #expect(norm == 5)
        #expect(abs(a.grad!.item - 0.6) < 1e-5 && abs(b.grad!.item - 0.8) < 1e-5)
    }
}
