import Foundation
import LatentTestSupport
import Testing

// The engine's kernels on its raw buffers, which are internal to LatentCore.
@testable import LatentCore

/// The kernels that split work across the worker pool, checked against plain loops on inputs large enough
/// to take the split paths (several pieces, several chunks per piece, vector bodies and scalar tails).
@Suite struct ParallelKernelTests {
    @Test func everyPieceRunsOnceEvenWhenNested() {
        let counts = UnsafeMutablePointer<Int>.allocate(capacity: 64)
        defer { counts.deallocate() }
        counts.initialize(repeating: 0, count: 64)
        WorkerPool.shared.run(pieces: 8) { outer in
            // A job started inside a piece runs in that thread: no deadlock, and still every piece once.
            WorkerPool.shared.run(pieces: 8) { inner in counts[outer * 8 + inner] += 1 }
        }
        #expect((0..<64).allSatisfy { counts[$0] == 1 })
    }

    #if arch(x86_64)
        /// 1e-30 * 1e-10 is a denormal (below 1.2e-38): every thread of a job, the caller's included, flushes it to zero.
        @Test func jobsFlushDenormalsToZero() {
            let products = UnsafeMutablePointer<Float>.allocate(capacity: 64)
            defer { products.deallocate() }
            products.initialize(repeating: -1, count: 64)
            let factors: [Float] = [1e-30, 1e-10]
            WorkerPool.shared.run(pieces: 64) { piece in products[piece] = factors[0] * factors[1] }
            #expect((0..<64).allSatisfy { products[$0] == 0 })
            #expect(factors[0] / 1e8 == 0, "the caller's thread reads and makes no denormals after a job")
        }
    #endif

    @Test func jobsFromManyTasksAllComplete() async {
        let totals = await withTaskGroup(of: Float.self) { group in
            for task in 0..<8 {
                group.addTask {
                    let x = Tensor(repeating: Float(task), shape: [1 << 17])
                    return (x * 2).sum().item
                }
            }
            var totals: [Float] = []
            for await total in group { totals.append(total) }
            return totals.sorted()
        }
        let expected: [Float] = (0..<8).map { task in Float(task * 2 * (1 << 17)) }
        #expect(totals == expected)
    }

    @Test(arguments: [
        (96, 700, 64, false, false), (300, 40, 64, true, false), (12, 9, 30_000, false, true),
        (8, 20, 20_000, true, true),
    ])
    func splitProductsMatchTheDefinition(m: Int, n: Int, k: Int, transposeA: Bool, transposeB: Bool) {
        // The shapes take each split: columns of C, rows of C, and k (C tiny) with partial sums.
        let a = randomTensor(transposeA ? [k, m] : [m, k], seed: 1)
        let b = randomTensor(transposeB ? [n, k] : [k, n], seed: 2)
        let c = randomTensor([m, n], seed: 3)
        let expected = c.scalars
        BLAS.sgemm(
            transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, alpha: 0.5, a: a.pointer,
            lda: transposeA ? m : k, b: b.pointer, ldb: transposeB ? k : n, beta: 2, c: c.pointer, ldc: n)
        var worst: Float = 0
        for (i, j) in [(0, 0), (m - 1, n - 1), (m / 2, n / 3), (1, n - 2)] {
            var sum: Double = 0
            for l in 0..<k {
                let x = transposeA ? a.pointer[l * m + i] : a.pointer[i * k + l]
                let y = transposeB ? b.pointer[j * k + l] : b.pointer[l * n + j]
                sum += Double(x) * Double(y)
            }
            worst = max(worst, abs(c.pointer[i * n + j] - Float(0.5 * sum + 2 * Double(expected[i * n + j]))))
        }
        #expect(worst < 1e-3)
    }

    @Test func chunkedConvolutionMatchesDirectLoops() {
        // 144-float patches over 256 positions: one image per chunk, two threads, several chunks each.
        let x = randomTensor([5, 16, 16, 16], seed: 1)
        let w = randomTensor([8, 16, 3, 3], seed: 2)
        let b = randomTensor([8], seed: 3)
        #expect(ConvolutionChunks(batch: 5, floatsPerImage: 144 * 256).chunk == 1)
        let out = Tensor.conv2d(x, weight: w, bias: b, stride: 1, padding: 1)
        let expected = ConvolutionReferenceTests().directConvolution(x, w, b, stride: 1, padding: 1)
        #expect(largestDifference(out.scalars, expected) < 1e-3)
    }

    @Test func chunkedTransposedConvolutionMatchesDirectLoops() {
        let x = randomTensor([3, 4, 16, 32], seed: 4)
        let w = randomTensor([4, 16, 3, 3], seed: 5)
        let b = randomTensor([16], seed: 6)
        let out = Tensor.convTranspose2d(x, weight: w, bias: b, stride: 2, padding: 1, outputPadding: 1)
        let expected = ConvolutionReferenceTests().directTransposedConvolution(
            x, w, b, stride: 2, padding: 1, outputPadding: 1)
        #expect(out.shape == [3, 16, 32, 64])
        #expect(largestDifference(out.scalars, expected) < 1e-3)
    }

    @Test(arguments: [false, true])
    func chunkedGradientsEqualTheSumOverSingleImages(transposed: Bool) {
        // A batch split across threads and chunks must give the gradients that images taken one by one add up to.
        let (x, w, b) =
            transposed
            ? (
                randomTensor([5, 4, 16, 32], seed: 1), randomTensor([4, 16, 3, 3], seed: 2), randomTensor([16], seed: 3)
            )
            : (
                randomTensor([5, 16, 16, 16], seed: 1), randomTensor([8, 16, 3, 3], seed: 2), randomTensor([8], seed: 3)
            )
        func layer(_ input: Tensor) -> Tensor {
            transposed
                ? Tensor.convTranspose2d(input, weight: w, bias: b, stride: 2, padding: 1, outputPadding: 1)
                : Tensor.conv2d(input, weight: w, bias: b, stride: 2, padding: 1)
        }
        let outputShape = GradientMode.withoutGradients { layer(x) }.shape
        let weights = randomTensor(outputShape, seed: 9)
        for tensor in [x, w, b] { tensor.requiresGrad = true }
        (layer(x) * weights).sum().backward()
        let (batchX, batchW, batchB) = (x.grad!.scalars, w.grad!.scalars, b.grad!.scalars)

        var (sumW, sumB) = ([Float](repeating: 0, count: w.count), [Float](repeating: 0, count: b.count))
        for n in 0..<5 {
            let image = x.rows(n..<(n + 1)).detached()
            image.requiresGrad = true
            w.zeroGrad()
            b.zeroGrad()
            (layer(image) * weights.rows(n..<(n + 1))).sum().backward()
            let imageSize = image.count
            let batchPart = Array(batchX[(n * imageSize)..<((n + 1) * imageSize)])
            #expect(largestDifference(image.grad!.scalars, batchPart) < 1e-3)
            for i in 0..<w.count { sumW[i] += w.grad!.scalars[i] }
            for i in 0..<b.count { sumB[i] += b.grad!.scalars[i] }
        }
        #expect(largestDifference(sumW, batchW, relative: true) < 1e-4)
        #expect(largestDifference(sumB, batchB, relative: true) < 1e-4)
    }

    @Test func elementWiseKernelsMatchTheirFormulas() {
        let count = 3 * elementwiseGrain + 5  // several pieces and a ragged end
        let x = randomTensor([count], in: -6...6, seed: 1)
        let g = randomTensor([count], seed: 2)
        x.requiresGrad = true
        let relu = x.relu()
        let sigmoid = x.sigmoid()
        (relu * g).sum().backward()
        let reluGradient = x.grad!.scalars
        x.zeroGrad()
        (sigmoid * g).sum().backward()
        for i in [0, 1, count / 2, count - 1] {
            let v = x.scalars[i]
            let s = 1 / (1 + Foundation.exp(-v))
            #expect(relu.scalars[i] == max(v, 0))
            #expect(reluGradient[i] == (v > 0 ? g.scalars[i] : 0))
            #expect(abs(sigmoid.scalars[i] - s) < 1e-6)
            #expect(abs(x.grad!.scalars[i] - g.scalars[i] * s * (1 - s)) < 1e-6)
        }
    }

    @Test func vectorExpIsWithinTwoUlpOfLibm() {
        var worst: Float = 0
        for step in 0...17_500 {
            let x = -87 + Float(step) * 0.01
            let exact = Foundation.exp(Double(x))
            worst = max(worst, Float(abs(Double(VectorExp.exp(x)) - exact) / exact))
        }
        #expect(worst < 2.4e-7)
        #expect(VectorExp.exp(-100) == 0 && VectorExp.exp(0) == 1)
    }

    @Test func vectorTanhIsWithinAMillionthOfLibm() {
        var worst: Float = 0
        for step in 0...24_000 {
            let x = -12 + Float(step) * 0.001
            let exact = Foundation.tanh(Double(x))
            worst = max(worst, Float(abs(Double(VectorTanh.tanh(x)) - exact) / max(abs(exact), 1e-30)))
        }
        #expect(worst < 1e-6, "worst relative error \(worst)")
        #expect(VectorTanh.tanh(0) == 0 && VectorTanh.tanh(40) == 1 && VectorTanh.tanh(-40) == -1)
    }

    @Test func fusedMeanSquaredErrorEqualsTheComposedOps() {
        // Large enough for several pieces and a ragged end; the composed form is the reference.
        let (prediction, target) = (randomTensor([77, 1_001], seed: 5), randomTensor([77, 1_001], seed: 6))
        prediction.requiresGrad = true
        let fused = Tensor.meanSquaredError(prediction, target)
        fused.backward()
        let fusedGradient = prediction.grad!.scalars
        prediction.zeroGrad()
        let difference = prediction - target
        let composed = (difference * difference).mean()
        composed.backward()
        #expect(abs(fused.item - composed.item) < 1e-6 * composed.item)
        #expect(largestDifference(fusedGradient, prediction.grad!.scalars) < 1e-9)
    }

    @Test func sumsMatchDoublePrecisionLoops() {
        let rows = randomTensor([300, 517], seed: 4)
        let columnSums = rows.sum(toShape: [517])
        let total = rows.sum().item
        var expectedTotal: Double = 0
        for j in [0, 7, 516] {
            var sum: Double = 0
            for i in 0..<300 { sum += Double(rows.pointer[i * 517 + j]) }
            #expect(abs(Double(columnSums.pointer[j]) - sum) < 1e-3)
        }
        for i in 0..<rows.count { expectedTotal += Double(rows.pointer[i]) }
        #expect(abs(Double(total) - expectedTotal) < 1e-2)
    }

    @Test(arguments: [13, 3 * elementwiseGrain + 3])
    func adamKernelEqualsTheElementLoop(count: Int) {
        let step = OptimizerKernels.AdamStep(
            beta1: 0.9, beta2: 0.999, epsilon: 1e-8, stepSize: 1e-3 / 0.19,
            inverseCorrection2: 1 / Float(0.0019).squareRoot(), l2: 0.01, decay: 0.999)
        let (p, g, m, v) = (
            randomTensor([count], seed: 1), randomTensor([count], seed: 2),
            randomTensor([count], seed: 3), randomTensor([count], in: 0...1, seed: 4)
        )
        let (q, n, u) = (p.copy(), m.copy(), v.copy())
        OptimizerKernels.adam(
            step, parameter: p.pointer, gradient: g.pointer, firstMoment: m.pointer, secondMoment: v.pointer,
            count: count)
        OptimizerKernels.adamReference(
            step, parameter: q.pointer, gradient: g.pointer, firstMoment: n.pointer,
            secondMoment: u.pointer, range: 0..<count)
        #expect(p.scalars == q.scalars && m.scalars == n.scalars && v.scalars == u.scalars)
        #expect(p.scalars != randomTensor([count], seed: 1).scalars)
    }

    /// The pool itself, not the engine's shared one, which tests running beside this one fill and empty.
    @Test func freedBuffersAreReusedAndAFullPoolLetsGoOfItsOldSizes() {
        var pool = FreeBuffers(largestTotal: 100)
        let before = pool.take(60)
        let released = [pool.give(0x1000, 60), pool.give(0x2000, 30), pool.give(0x3000, 40), pool.give(0x4000, 101)]
        let taken = [pool.take(60), pool.take(30), pool.take(40), pool.take(101)]
        let allocations = pool.allocations
        #expect(before == nil)
        #expect(released.map { $0.sorted() } == [[], [], [0x1000, 0x2000], [0x4000]])
        #expect(taken == [nil, nil, 0x3000, nil])
        #expect(allocations == 4)
    }

    @Test func aReusedBufferStartsAtZero() {
        do {
            let first = Tensor(zeros: [12_347])
            first.pointer.update(repeating: 7, count: first.count)
        }
        #expect(Tensor(zeros: [12_347]).scalars.allSatisfy { $0 == 0 })
    }

    /// The largest |a - b| (over max(1, |b|) when `relative`).
    func largestDifference(_ a: [Float], _ b: [Float], relative: Bool = false) -> Float {
        precondition(a.count == b.count, "\(a.count) values against \(b.count)")
        var worst: Float = 0
        for (x, y) in zip(a, b) { worst = max(worst, abs(x - y) / (relative ? max(1, abs(y)) : 1)) }
        return worst
    }
}
