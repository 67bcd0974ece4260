import LatentCore
import LatentTestSupport
import Testing

@Suite struct AutogradTests {
    @Test func gradientsAccumulateOverBackwardCalls() {
        let x = Tensor(shape: [2], scalars: [1, 2], requiresGrad: true)
        (x * x).sum().backward()
        #expect(x.grad?.scalars == [2, 4])
        (x * 3).sum().backward()
        #expect(x.grad?.scalars == [5, 7])
        x.zeroGrad()
        #expect(x.grad == nil)
    }

    @Test func diamondGraphAddsBothPaths() {
        // y = a * b with a = 2x and b = x + 1, so dy/dx = 2(x + 1) + 2x = 4x + 2.
        let x = Tensor(scalar: 3, requiresGrad: true)
        let y = (x * 2) * (x + 1)
        y.backward()
        #expect(x.grad?.item == 14)
    }

    @Test func gradientsHandedToTwoInputsStaySeparate() {
        // `+` hands one gradient tensor to both inputs, and a reshape hands on a view of its storage: a leaf may
        // keep a gradient without copying it only when nothing else holds it.
        let (a, b, c) = (
            Tensor(shape: [2, 2], scalars: [1, 2, 3, 4], requiresGrad: true),
            Tensor(shape: [2, 2], scalars: [5, 6, 7, 8], requiresGrad: true),
            Tensor(shape: [4], scalars: [0, 0, 0, 0], requiresGrad: true)
        )
        ((a + b + c.reshaped([2, 2])) * 3).sum().backward()
        a.grad![element: 0] = 100  // what clipping or a second backward would do in place
        #expect(b.grad!.scalars == [3, 3, 3, 3] && c.grad!.scalars == [3, 3, 3, 3])
        #expect(a.grad!.scalars == [100, 3, 3, 3])
    }

    @Test func noGradientScopeRecordsNothing() {
        let w = Tensor(shape: [2], scalars: [1, 2], requiresGrad: true)
        let y = GradientMode.withoutGradients { (w * w).sum() }
        #expect(!y.requiresGrad)
        #expect(w.grad == nil)
    }

    @Test func detachedTensorsStopTheGradient() {
        let x = Tensor(scalar: 2, requiresGrad: true)
        let y = x * x.detached()
        y.backward()
        #expect(x.grad?.item == 2)
    }

    @Test func inputsWithoutGradientGetNone() {
        let frozen = Tensor(shape: [3, 2], scalars: [1, 2, 3, 4, 5, 6])
        let trainable = Tensor(shape: [2, 2], scalars: [1, 0, 0, 1], requiresGrad: true)
        frozen.matmul(trainable).sum().backward()
        #expect(frozen.grad == nil)
        #expect(trainable.grad?.scalars == [9, 9, 12, 12])
    }

    @Test func operationsOnFrozenTensorsRecordNoGraph() {
        let a = Tensor(shape: [2, 2], scalars: [1, 2, 3, 4])
        let b = Tensor.linear(a, weight: a, bias: nil).relu().sum()
        #expect(!b.requiresGrad)
    }

    @Test func deepChainDoesNotOverflowTheStack() {
        let x = Tensor(scalar: 1, requiresGrad: true)
        var y = x
        for _ in 0..<20_000 { y = y * 1 }
        y.backward()
        #expect(x.grad?.item == 1)
    }

    @Test func graphIsFreedAfterBackward() {
        weak var intermediate: Tensor?
        let x = Tensor(shape: [2], scalars: [1, 2], requiresGrad: true)
        var loss: Tensor? = {
            let hidden = x * 2
            intermediate = hidden
            return (hidden * hidden).sum()
        }()
        #expect(intermediate != nil)
        loss?.backward()
        #expect(intermediate == nil)
        loss = nil
        #expect(x.grad?.scalars == [8, 16])
    }

    @Test func seededRandomnessRepeats() {
        var first = SeededGenerator(seed: 42)
        var second = SeededGenerator(seed: 42)
        let a = Tensor.normal([1000], using: &first)
        let b = Tensor.normal([1000], using: &second)
        #expect(a.scalars == b.scalars)
        let mean = a.scalars.reduce(0, +) / 1000
        let variance = a.scalars.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / 1000
        #expect(abs(mean) < 0.1 && abs(variance - 1) < 0.1)
    }
}
