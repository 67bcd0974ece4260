import LatentCore
import LatentTestSupport
import Testing

/// Forward passes against direct loops written from the definitions.
@Suite struct ConvolutionReferenceTests {
    /// out[n, o, y, x] = b[o] + sum over c, i, j of in[n, c, y*s - p + i, x*s - p + j] * w[o, c, i, j].
    func directConvolution(_ x: Tensor, _ w: Tensor, _ b: Tensor, stride: Int, padding: Int) -> [Float] {
        let (n, c, h, wd) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
        let (o, kh, kw) = (w.shape[0], w.shape[2], w.shape[3])
        let (oh, ow) = ((h + 2 * padding - kh) / stride + 1, (wd + 2 * padding - kw) / stride + 1)
        let (xs, ws, bs) = (x.scalars, w.scalars, b.scalars)
        var out: [Float] = []
        for ni in 0..<n {
            for oi in 0..<o {
                for y in 0..<oh {
                    for xx in 0..<ow {
                        var total = bs[oi]
                        for ci in 0..<c {
                            for i in 0..<kh {
                                for j in 0..<kw {
                                    let (row, column) = (y * stride - padding + i, xx * stride - padding + j)
                                    guard row >= 0, row < h, column >= 0, column < wd else { continue }
                                    total +=
                                        xs[((ni * c + ci) * h + row) * wd + column]
                                        * ws[((oi * c + ci) * kh + i) * kw + j]
                                }
                            }
                        }
                        out.append(total)
                    }
                }
            }
        }
        return out
    }

    /// Each input pixel scatters in[n, c, y, x] * w[c, o, i, j] to out[n, o, y*s - p + i, x*s - p + j].
    func directTransposedConvolution(
        _ x: Tensor, _ w: Tensor, _ b: Tensor, stride: Int, padding: Int,
        outputPadding: Int
    ) -> [Float] {
        let (n, c, h, wd) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
        let (o, kh, kw) = (w.shape[1], w.shape[2], w.shape[3])
        let oh = (h - 1) * stride - 2 * padding + kh + outputPadding
        let ow = (wd - 1) * stride - 2 * padding + kw + outputPadding
        let (xs, ws, bs) = (x.scalars, w.scalars, b.scalars)
        var out = [Float](repeating: 0, count: n * o * oh * ow)
        for ni in 0..<n { for oi in 0..<o { for i in 0..<(oh * ow) { out[(ni * o + oi) * oh * ow + i] = bs[oi] } } }
        for ni in 0..<n {
            for ci in 0..<c {
                for y in 0..<h {
                    for xx in 0..<wd {
                        for oi in 0..<o {
                            for i in 0..<kh {
                                for j in 0..<kw {
                                    let (row, column) = (y * stride - padding + i, xx * stride - padding + j)
                                    guard row >= 0, row < oh, column >= 0, column < ow else { continue }
                                    out[((ni * o + oi) * oh + row) * ow + column] +=
                                        xs[((ni * c + ci) * h + y) * wd + xx] * ws[((ci * o + oi) * kh + i) * kw + j]
                                }
                            }
                        }
                    }
                }
            }
        }
        return out
    }

    @Test(arguments: [(1, 0), (2, 1), (3, 2)])
    func convolutionMatchesDirectLoops(stride: Int, padding: Int) {
        let x = randomTensor([2, 3, 7, 6], seed: 1)
        let w = randomTensor([4, 3, 3, 2], seed: 2)
        let b = randomTensor([4], seed: 3)
        let out = Tensor.conv2d(x, weight: w, bias: b, stride: stride, padding: padding)
        let expected = directConvolution(x, w, b, stride: stride, padding: padding)
        #expect(out.count == expected.count)
        for (got, want) in zip(out.scalars, expected) { #expect(abs(got - want) < 1e-4) }
    }

    @Test(arguments: [(1, 0, 0), (2, 1, 1), (2, 0, 1), (3, 1, 2)])
    func transposedConvolutionMatchesDirectLoops(stride: Int, padding: Int, outputPadding: Int) {
        let x = randomTensor([2, 3, 4, 5], seed: 4)
        let w = randomTensor([3, 2, 3, 3], seed: 5)
        let b = randomTensor([2], seed: 6)
        let out = Tensor.convTranspose2d(
            x, weight: w, bias: b, stride: stride, padding: padding, outputPadding: outputPadding)
        let expected = directTransposedConvolution(
            x, w, b, stride: stride, padding: padding, outputPadding: outputPadding)
        #expect(
            out.shape == [
                2, 2, (4 - 1) * stride - 2 * padding + 3 + outputPadding,
                (5 - 1) * stride - 2 * padding + 3 + outputPadding,
            ])
        #expect(out.count == expected.count)
        for (got, want) in zip(out.scalars, expected) { #expect(abs(got - want) < 1e-4) }
    }

    @Test func transposedConvolutionUndoesTheShapeOfAStridedConvolution() {
        // The P4 decoder relies on this: 7x7 -> 14x14 -> 28x28.
        let codes = randomTensor([1, 32, 7, 7], seed: 1)
        let w = randomTensor([32, 16, 3, 3], seed: 2)
        let up = Tensor.convTranspose2d(codes, weight: w, bias: nil, stride: 2, padding: 1, outputPadding: 1)
        #expect(up.shape == [1, 16, 14, 14])
    }

    @Test func maxPoolAndUpsampleValues() {
        let x = Tensor(shape: [1, 1, 2, 4], scalars: [1, 5, 2, 0, 3, -1, 7, 8])
        #expect(x.maxPool2d(kernel: 2).scalars == [5, 8])
        let y = Tensor(shape: [1, 1, 1, 2], scalars: [1, 2])
        #expect(y.upsampleNearest(scale: 2).scalars == [1, 1, 2, 2, 1, 1, 2, 2])
    }

    /// torchvision's stem pooling (3x3, stride 2, pad 1): the padding is -infinity, so negative values still win
    /// at the border, and the output has (H + 2 - 3) / 2 + 1 rows.
    @Test func paddedMaxPoolTakesTheLargestPixelInsideTheImage() {
        let x = Tensor(shape: [1, 1, 3, 4], scalars: [-5, -1, -7, -2, -3, -9, -4, -8, -6, -10, -11, -12])
        let pooled = x.maxPool2d(kernel: 3, stride: 2, padding: 1)
        #expect(pooled.shape == [1, 1, 2, 2])
        #expect(pooled.scalars == [-1, -1, -3, -4])
    }

    @Test func matmulMatchesHandWorkedProduct() {
        let a = Tensor(shape: [2, 3], scalars: [1, 2, 3, 4, 5, 6])
        let b = Tensor(shape: [3, 2], scalars: [7, 8, 9, 10, 11, 12])
        #expect(a.matmul(b).scalars == [58, 64, 139, 154])
        #expect(a.transposed().scalars == [1, 4, 2, 5, 3, 6])
    }
}
