import LatentCore
import Testing

/// Programming errors stop with a message that names the shapes; each runs in its own process.
@Suite struct ShapeErrorTests {
    @Test func mismatchedBroadcastStops() async {
        await #expect(processExitsWith: .failure) {
            _ = Tensor(zeros: [2, 3]) + Tensor(zeros: [4])
        }
    }

    @Test func nonScalarBackwardStops() async {
        await #expect(processExitsWith: .failure) {
            Tensor(zeros: [2], requiresGrad: true).backward()
        }
    }

    @Test func backwardWithoutGradientStops() async {
        await #expect(processExitsWith: .failure) {
            GradientMode.withoutGradients { (Tensor(shape: [2], scalars: [1, 2], requiresGrad: true) * 2).sum() }
                .backward()
        }
    }

    /// The probe of issue 14: without the check, `w.grad` came out [2, 2] instead of [10, 18].
    @Test func secondBackwardThroughFreedGraphStops() async {
        await #expect(processExitsWith: .failure) {
            let w = Tensor(shape: [2], scalars: [1, 2], requiresGrad: true)
            let h = w * 2
            h.sum().backward()
            (h * h).sum().backward()
        }
    }

    /// Modules outside the engine multiply slices of tensors; a slice too short for its matrix stops the product.
    @Test func sgemmOnABufferTooShortStops() async {
        await #expect(processExitsWith: .failure) {
            let (a, b, c) = (Tensor(zeros: [2, 3]), Tensor(zeros: [5]), Tensor(zeros: [2, 2]))
            a.withUnsafeBufferPointer { a in
                b.withUnsafeBufferPointer { b in
                    c.withUnsafeMutableBufferPointer { c in
                        BLAS.sgemm(m: 2, n: 2, k: 3, a: a, lda: 3, b: b, ldb: 2, c: c, ldc: 2)  // B needs 6 values
                    }
                }
            }
        }
    }

    @Test func emptyConvolutionOutputStops() async {
        await #expect(processExitsWith: .failure) {
            _ = Tensor.conv2d(Tensor(zeros: [1, 1, 2, 2]), weight: Tensor(zeros: [1, 1, 3, 3]), bias: nil)
        }
    }

    @Test func invalidAxisStops() async {
        await #expect(processExitsWith: .failure) {
            _ = Tensor(zeros: [2, 3]).sum(axes: [2])
        }
    }

    @Test func matmulInnerMismatchStops() async {
        await #expect(processExitsWith: .failure) {
            _ = Tensor(zeros: [2, 3]).matmul(Tensor(zeros: [2, 3]))
        }
    }
}
