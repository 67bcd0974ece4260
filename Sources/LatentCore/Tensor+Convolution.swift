extension Tensor {
    /// 2-D convolution (cross-correlation, as in PyTorch) through im2col and one sgemm per batch.
    ///
    /// x: (N, C, H, W), weight: (O, C, KH, KW), bias: (O) -> (N, O, OH, OW).
    public static func conv2d(_ x: Tensor, weight: Tensor, bias: Tensor?, stride: Int = 1, padding: Int = 0) -> Tensor {
        precondition(x.rank == 4 && weight.rank == 4 && x.shape[1] == weight.shape[1],
                     "conv2d needs x (N, C, H, W) and weight (O, C, KH, KW), got x \(x.shape) and weight \(weight.shape)")
        let (batch, outChannels) = (x.shape[0], weight.shape[0])
        if let bias { precondition(bias.shape == [outChannels], "conv2d bias must be [\(outChannels)], got \(bias.shape)") }
        let geometry = ConvolutionGeometry(
            channels: x.shape[1], height: x.shape[2], width: x.shape[3], kernelHeight: weight.shape[2],
            kernelWidth: weight.shape[3], stride: stride, padding: padding)
        let (patch, columnCount) = (geometry.patchSize, batch * geometry.positions)

        let columns = Tensor(uninitializedShape: [patch, columnCount])
        KernelClock.measure(.unfold) { geometry.imageToColumns(x.pointer, batch: batch, columns: columns.pointer) }
        let product = Tensor(uninitializedShape: [outChannels, columnCount])  // (O, N*L)
        BLAS.sgemm(m: outChannels, n: columnCount, k: patch, a: weight.pointer, lda: patch,
                       b: columns.pointer, ldb: columnCount, c: product.pointer, ldc: columnCount)
        let out = Tensor(uninitializedShape: [batch, outChannels, geometry.outputHeight, geometry.outputWidth])
        KernelClock.measure(.other) {
            swapOuterAxes(product.pointer, outChannels, batch, inner: geometry.positions, into: out.pointer)
            if let bias { addChannelBias(bias, to: out) }
        }

        let inputs = [x, weight] + (bias.map { [$0] } ?? [])
        return record(out, inputs: inputs) { _, g in
            let gradient = Tensor(uninitializedShape: [outChannels, columnCount])  // (O, N*L)
            KernelClock.measure(.other) {
                swapOuterAxes(g.pointer, batch, outChannels, inner: geometry.positions, into: gradient.pointer)
            }
            var grads: [Tensor?] = [nil, nil, bias.flatMap { $0.requiresGrad ? channelSums(g) : nil }]
            if weight.requiresGrad {  // dW = dY' columns^T
                let grad = Tensor(uninitializedShape: weight.shape)
                BLAS.sgemm(transposeB: true, m: outChannels, n: patch, k: columnCount, a: gradient.pointer,
                               lda: columnCount, b: columns.pointer, ldb: columnCount, c: grad.pointer, ldc: patch)
                grads[1] = grad
            }
            if x.requiresGrad {  // dcolumns = W^T dY', folded back into images
                let columnGrad = Tensor(uninitializedShape: [patch, columnCount])
                BLAS.sgemm(transposeA: true, m: patch, n: columnCount, k: outChannels, a: weight.pointer,
                               lda: patch, b: gradient.pointer, ldb: columnCount, c: columnGrad.pointer, ldc: columnCount)
                let grad = Tensor(zeros: x.shape)
                KernelClock.measure(.unfold) {
                    geometry.columnsToImage(columnGrad.pointer, batch: batch, images: grad.pointer)
                }
                grads[0] = grad
            }
            return Array(grads.prefix(inputs.count))
        }
    }

    /// 2-D transposed convolution (the gradient of `conv2d` with respect to its input), as in PyTorch.
    ///
    /// x: (N, C, H, W), weight: (C, O, KH, KW), bias: (O) -> (N, O, OH, OW) with
    /// OH = (H - 1) * stride - 2 * padding + KH + outputPadding.
    public static func convTranspose2d(
        _ x: Tensor, weight: Tensor, bias: Tensor?, stride: Int = 1, padding: Int = 0, outputPadding: Int = 0
    ) -> Tensor {
        precondition(x.rank == 4 && weight.rank == 4 && x.shape[1] == weight.shape[0],
                     "convTranspose2d needs x (N, C, H, W) and weight (C, O, KH, KW), got x \(x.shape) and weight \(weight.shape)")
        precondition(outputPadding >= 0 && outputPadding < stride,
                     "convTranspose2d needs 0 <= outputPadding < stride, got \(outputPadding) and \(stride)")
        let (batch, inChannels, height, width) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
        let (outChannels, kernelHeight, kernelWidth) = (weight.shape[1], weight.shape[2], weight.shape[3])
        if let bias { precondition(bias.shape == [outChannels], "convTranspose2d bias must be [\(outChannels)], got \(bias.shape)") }
        let outHeight = (height - 1) * stride - 2 * padding + kernelHeight + outputPadding
        let outWidth = (width - 1) * stride - 2 * padding + kernelWidth + outputPadding
        precondition(outHeight > 0 && outWidth > 0, "convTranspose2d of \(x.shape) with weight \(weight.shape) gives an empty output")
        // The convolution whose input gradient this is: it maps (O, OH, OW) images to (H, W) positions.
        let geometry = ConvolutionGeometry(
            channels: outChannels, height: outHeight, width: outWidth, kernelHeight: kernelHeight,
            kernelWidth: kernelWidth, stride: stride, padding: padding)
        let (patch, columnCount) = (geometry.patchSize, batch * height * width)

        let channelMajor = Tensor(uninitializedShape: [inChannels, columnCount])  // (C, N*H*W)
        KernelClock.measure(.other) {
            swapOuterAxes(x.pointer, batch, inChannels, inner: height * width, into: channelMajor.pointer)
        }
        let columns = Tensor(uninitializedShape: [patch, columnCount])
        BLAS.sgemm(transposeA: true, m: patch, n: columnCount, k: inChannels, a: weight.pointer, lda: patch,
                       b: channelMajor.pointer, ldb: columnCount, c: columns.pointer, ldc: columnCount)
        let out = Tensor(zeros: [batch, outChannels, outHeight, outWidth])
        KernelClock.measure(.unfold) { geometry.columnsToImage(columns.pointer, batch: batch, images: out.pointer) }
        if let bias { KernelClock.measure(.other) { addChannelBias(bias, to: out) } }

        let inputs = [x, weight] + (bias.map { [$0] } ?? [])
        return record(out, inputs: inputs) { _, g in
            let gradientColumns = Tensor(uninitializedShape: [patch, columnCount])
            KernelClock.measure(.unfold) { geometry.imageToColumns(g.pointer, batch: batch, columns: gradientColumns.pointer) }
            var grads: [Tensor?] = [nil, nil, bias.flatMap { $0.requiresGrad ? channelSums(g) : nil }]
            if weight.requiresGrad {  // dW = X' columns^T
                let grad = Tensor(uninitializedShape: weight.shape)
                BLAS.sgemm(transposeB: true, m: inChannels, n: patch, k: columnCount, a: channelMajor.pointer,
                               lda: columnCount, b: gradientColumns.pointer, ldb: columnCount, c: grad.pointer, ldc: patch)
                grads[1] = grad
            }
            if x.requiresGrad {  // dX' = W columns
                let product = Tensor(uninitializedShape: [inChannels, columnCount])
                BLAS.sgemm(m: inChannels, n: columnCount, k: patch, a: weight.pointer, lda: patch,
                               b: gradientColumns.pointer, ldb: columnCount, c: product.pointer, ldc: columnCount)
                let grad = Tensor(uninitializedShape: x.shape)
                KernelClock.measure(.other) {
                    swapOuterAxes(product.pointer, inChannels, batch, inner: height * width, into: grad.pointer)
                }
                grads[0] = grad
            }
            return Array(grads.prefix(inputs.count))
        }
    }

    /// Adds bias[c] to every element of channel c. out: (N, C, H, W), bias: (C).
    private static func addChannelBias(_ bias: Tensor, to out: Tensor) {
        let (batch, channels) = (out.shape[0], out.shape[1])
        let plane = out.count / max(batch * channels, 1)
        for n in 0..<batch {
            for c in 0..<channels {
                let value = bias.pointer[c]
                let p = out.pointer + (n * channels + c) * plane
                for i in 0..<plane { p[i] += value }
            }
        }
    }

    /// Sums each channel over batch and space: (N, C, H, W) -> (C).
    private static func channelSums(_ g: Tensor) -> Tensor {
        let (batch, channels) = (g.shape[0], g.shape[1])
        let plane = g.count / max(batch * channels, 1)
        let out = Tensor(zeros: [channels])
        for n in 0..<batch {
            for c in 0..<channels {
                let p = g.pointer + (n * channels + c) * plane
                var total: Float = 0
                for i in 0..<plane { total += p[i] }
                out.pointer[c] += total
            }
        }
        return out
    }
}
