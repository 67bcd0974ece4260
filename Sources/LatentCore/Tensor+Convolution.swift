extension Tensor {
    /// 2-D convolution (cross-correlation, as in PyTorch) through im2col and matrix products, chunk by chunk.
    ///
    /// x: (N, C, H, W), weight: (O, C, KH, KW), bias: (O) -> (N, O, OH, OW). Letters: L = OH * OW positions,
    /// P = C * KH * KW rows of a patch. The threads take shares of the batch and walk them in chunks that stay
    /// in cache (see `ConvolutionChunks`): unfold, one single-threaded product, layout with the bias.
    ///
    /// The weight gradient needs the patches again. A patch matrix many times larger than its images (a 3x3
    /// kernel at stride 1 makes it 9 times larger) costs more to write to memory and read back than to unfold
    /// again in cache in the backward pass; a smaller one (a strided convolution's) is kept.
    public static func conv2d(_ x: Tensor, weight: Tensor, bias: Tensor?, stride: Int = 1, padding: Int = 0) -> Tensor {
        precondition(
            x.rank == 4 && weight.rank == 4 && x.shape[1] == weight.shape[1],
            "conv2d needs x (N, C, H, W) and weight (O, C, KH, KW), got x \(x.shape) and weight \(weight.shape)")
        let (batch, outChannels) = (x.shape[0], weight.shape[0])
        if let bias {
            precondition(bias.shape == [outChannels], "conv2d bias must be [\(outChannels)], got \(bias.shape)")
        }
        let geometry = ConvolutionGeometry(
            channels: x.shape[1], height: x.shape[2], width: x.shape[3], kernelHeight: weight.shape[2],
            kernelWidth: weight.shape[3], stride: stride, padding: padding)
        let (patch, positions, columnCount) = (geometry.patchSize, geometry.positions, batch * geometry.positions)
        let (imageSize, outputSize) = (x.count / max(batch, 1), outChannels * positions)
        let chunks = ConvolutionChunks(batch: batch, floatsPerImage: max(patch, outChannels) * positions)
        let scratchSize = max(patch, outChannels) * chunks.chunk * positions

        // The patches of the whole batch, (P, N*L), when they are kept for the weight gradient.
        let keptPatches =
            weight.requiresGrad && patch * positions <= largestKeptPatches * imageSize
            ? Tensor(uninitializedShape: [patch, columnCount]) : nil
        /// Where a chunk's patches go: into the kept matrix (rows of N*L floats), or else into `scratch` (rows of
        /// count*L floats).
        func patchBlock(
            _ images: Range<Int>, scratch: UnsafeMutablePointer<Float>
        ) -> (UnsafeMutablePointer<Float>, rowLength: Int) {
            guard let keptPatches else { return (scratch, images.count * positions) }
            return (keptPatches.pointer + images.lowerBound * positions, columnCount)
        }
        func unfold(_ images: Range<Int>, into block: (UnsafeMutablePointer<Float>, rowLength: Int)) {
            KernelClock.measure(.unfold) {
                geometry.imageToColumns(
                    x.pointer + images.lowerBound * imageSize, count: images.count, columns: block.0,
                    rowLength: block.rowLength)
            }
        }

        let out = Tensor(uninitializedShape: [batch, outChannels, geometry.outputHeight, geometry.outputWidth])
        let scratch = Tensor(uninitializedShape: [chunks.pieces, 2 * scratchSize])
        chunks.run { piece, images in
            let (first, rowLength) = (images.lowerBound, images.count * positions)
            let chunkScratch = scratch.pointer + piece * 2 * scratchSize
            let block = patchBlock(images, scratch: chunkScratch)
            unfold(images, into: block)
            let product = chunkScratch + scratchSize  // (O, count*L) = W (O, P) x block
            BLAS.serialSgemm(
                false, false, outChannels, rowLength, patch, 1, weight.pointer, patch,
                block.0, block.rowLength, 0, product, rowLength)
            ConvolutionLayout.batchMajor(
                product, rowLength: rowLength, count: images.count, channels: outChannels,
                positions: positions, bias: bias?.pointer, into: out.pointer + first * outputSize)
        }

        let inputs = [x, weight] + (bias.map { [$0] } ?? [])
        return record(out, inputs: inputs) { _, g in
            let gradients = ChunkGradients(chunks, weight: weight, bias: bias)
            let gradX = x.requiresGrad ? Tensor(uninitializedShape: x.shape) : nil
            let scratch = Tensor(uninitializedShape: [chunks.pieces, 3 * scratchSize])
            chunks.run { piece, images in
                let (first, count) = (images.lowerBound, images.count)
                let rowLength = count * positions
                let gradient = scratch.pointer + piece * 3 * scratchSize  // dY as (O, count*L)
                ConvolutionLayout.channelMajor(
                    g.pointer + first * outputSize, count: count, channels: outChannels,
                    positions: positions, into: gradient, rowLength: rowLength,
                    sums: gradients.biasSums(piece))
                if let partial = gradients.weightPartial(piece) {  // dW (O, P) += dY' block^T
                    let block = patchBlock(images, scratch: gradient + scratchSize)
                    if keptPatches == nil { unfold(images, into: block) }
                    BLAS.serialSgemm(
                        false, true, outChannels, patch, rowLength, 1, gradient, rowLength,
                        block.0, block.rowLength, gradients.isFirst(images, of: piece) ? 0 : 1, partial, patch)
                }
                if let gradX {  // dblock (P, count*L) = W^T dY', folded back into images
                    let columnGradient = gradient + 2 * scratchSize
                    BLAS.serialSgemm(
                        true, false, patch, rowLength, outChannels, 1, weight.pointer, patch,
                        gradient, rowLength, 0, columnGradient, rowLength)
                    KernelClock.measure(.unfold) {
                        geometry.columnsToImage(
                            columnGradient, count: count, rowLength: rowLength,
                            images: gradX.pointer + first * imageSize)
                    }
                }
            }
            return Array([gradX, gradients.weight(), gradients.bias()].prefix(inputs.count))
        }
    }

    /// The largest patch matrix, in multiples of its images, that a convolution keeps for its weight gradient.
    static let largestKeptPatches = 4

    /// 2-D transposed convolution (the gradient of `conv2d` with respect to its input), as in PyTorch.
    ///
    /// x: (N, C, H, W), weight: (C, O, KH, KW), bias: (O) -> (N, O, OH, OW) with
    /// OH = (H - 1) * stride - 2 * padding + KH + outputPadding. Chunked like `conv2d`.
    public static func convTranspose2d(
        _ x: Tensor, weight: Tensor, bias: Tensor?, stride: Int = 1, padding: Int = 0, outputPadding: Int = 0
    ) -> Tensor {
        precondition(
            x.rank == 4 && weight.rank == 4 && x.shape[1] == weight.shape[0],
            "convTranspose2d needs x (N, C, H, W) and weight (C, O, KH, KW), got x \(x.shape) and weight \(weight.shape)"
        )
        precondition(
            outputPadding >= 0 && outputPadding < stride,
            "convTranspose2d needs 0 <= outputPadding < stride, got \(outputPadding) and \(stride)")
        let (batch, inChannels, height, width) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
        let (outChannels, kernelHeight, kernelWidth) = (weight.shape[1], weight.shape[2], weight.shape[3])
        if let bias {
            precondition(
                bias.shape == [outChannels], "convTranspose2d bias must be [\(outChannels)], got \(bias.shape)")
        }
        let outHeight = (height - 1) * stride - 2 * padding + kernelHeight + outputPadding
        let outWidth = (width - 1) * stride - 2 * padding + kernelWidth + outputPadding
        precondition(
            outHeight > 0 && outWidth > 0,
            "convTranspose2d of \(x.shape) with weight \(weight.shape) gives an empty output")
        // The convolution whose input gradient this is: it maps (O, OH, OW) images to (H, W) positions.
        let geometry = ConvolutionGeometry(
            channels: outChannels, height: outHeight, width: outWidth, kernelHeight: kernelHeight,
            kernelWidth: kernelWidth, stride: stride, padding: padding)
        let (patch, positions) = (geometry.patchSize, height * width)
        let (columnCount, outputSize) = (batch * positions, outChannels * outHeight * outWidth)
        let chunks = ConvolutionChunks(batch: batch, floatsPerImage: max(patch, inChannels) * positions)
        let scratchSize = max(patch, inChannels) * chunks.chunk * positions

        // The input channel-major, kept for the weight gradient: X' (C, N*H*W).
        let channelMajor = Tensor(uninitializedShape: [inChannels, columnCount])
        let out = Tensor(uninitializedShape: [batch, outChannels, outHeight, outWidth])
        let scratch = Tensor(uninitializedShape: [chunks.pieces, scratchSize])
        chunks.run { piece, images in
            let (first, count) = (images.lowerBound, images.count)
            let block = channelMajor.pointer + first * positions
            ConvolutionLayout.channelMajor(
                x.pointer + first * inChannels * positions, count: count, channels: inChannels,
                positions: positions, into: block, rowLength: columnCount)
            let columns = scratch.pointer + piece * scratchSize  // (P, count*H*W) = W^T (P, C) x block
            BLAS.serialSgemm(
                true, false, patch, count * positions, inChannels, 1, weight.pointer, patch,
                block, columnCount, 0, columns, count * positions)
            let target = out.pointer + first * outputSize
            KernelClock.measure(.unfold) {
                geometry.columnsToImage(columns, count: count, rowLength: count * positions, images: target)
            }
            if let bias {
                ConvolutionLayout.addBias(
                    bias.pointer, to: target, count: count, channels: outChannels,
                    positions: outHeight * outWidth)
            }
        }

        let inputs = [x, weight] + (bias.map { [$0] } ?? [])
        return record(out, inputs: inputs) { _, g in
            let gradients = ChunkGradients(chunks, weight: weight, bias: bias)
            let gradX = x.requiresGrad ? Tensor(uninitializedShape: x.shape) : nil
            let scratch = Tensor(uninitializedShape: [chunks.pieces, 2 * scratchSize])
            chunks.run { piece, images in
                let (first, count) = (images.lowerBound, images.count)
                let rowLength = count * positions
                let columns = scratch.pointer + piece * 2 * scratchSize  // dY unfolded: (P, count*H*W)
                let outputGradient = g.pointer + first * outputSize
                KernelClock.measure(.unfold) {
                    geometry.imageToColumns(outputGradient, count: count, columns: columns, rowLength: rowLength)
                }
                if let sums = gradients.biasSums(piece) {
                    ConvolutionLayout.addChannelSums(
                        outputGradient, count: count, channels: outChannels,
                        positions: outHeight * outWidth, into: sums)
                }
                if let partial = gradients.weightPartial(piece) {  // dW (C, P) += X' block x columns^T
                    BLAS.serialSgemm(
                        false, true, inChannels, patch, rowLength, 1, channelMajor.pointer + first * positions,
                        columnCount, columns, rowLength, gradients.isFirst(images, of: piece) ? 0 : 1, partial, patch)
                }
                if let gradX {  // dX' (C, count*H*W) = W (C, P) x columns
                    let product = columns + scratchSize
                    BLAS.serialSgemm(
                        false, false, inChannels, rowLength, patch, 1, weight.pointer, patch,
                        columns, rowLength, 0, product, rowLength)
                    ConvolutionLayout.batchMajor(
                        product, rowLength: rowLength, count: count, channels: inChannels,
                        positions: positions, bias: nil,
                        into: gradX.pointer + first * inChannels * positions)
                }
            }
            return Array([gradX, gradients.weight(), gradients.bias()].prefix(inputs.count))
        }
    }
}

/// A chunked convolution's parameter gradients: one partial weight gradient and one row of bias sums per
/// piece of the batch, added up in piece order once every chunk is done.
private struct ChunkGradients {
    let chunks: ConvolutionChunks
    let weightShape: [Int]
    let weightPartials: Tensor?
    let biasPartials: UnsafeMutablePointer<Double>?
    let biasCount: Int

    init(_ chunks: ConvolutionChunks, weight: Tensor, bias: Tensor?) {
        self.chunks = chunks
        weightShape = weight.shape
        weightPartials = weight.requiresGrad ? Tensor(uninitializedShape: [chunks.pieces, weight.count]) : nil
        biasCount = bias?.count ?? 0
        if let bias, bias.requiresGrad {
            biasPartials = .allocate(capacity: chunks.pieces * bias.count)
            biasPartials?.initialize(repeating: 0, count: chunks.pieces * bias.count)
        } else {
            biasPartials = nil
        }
    }

    func weightPartial(_ piece: Int) -> UnsafeMutablePointer<Float>? {
        weightPartials.map { $0.pointer + piece * $0.shape[1] }
    }

    func biasSums(_ piece: Int) -> UnsafeMutablePointer<Double>? { biasPartials.map { $0 + piece * biasCount } }

    /// Whether `images` is the first chunk of its piece (whose product overwrites the partial).
    func isFirst(_ images: Range<Int>, of piece: Int) -> Bool {
        images.lowerBound == piece * chunks.batch / chunks.pieces
    }

    func weight() -> Tensor? {
        guard let weightPartials else { return nil }
        guard chunks.batch > 0 else { return Tensor(zeros: weightShape) }
        let out = Tensor(uninitializedShape: weightShape)
        KernelClock.measure(.sgemm) {
            out.pointer.update(from: weightPartials.pointer, count: out.count)
            for piece in 1..<chunks.pieces {
                let partial = weightPartials.pointer + piece * out.count
                for i in 0..<out.count { out.pointer[i] += partial[i] }
            }
        }
        return out
    }

    /// The bias gradient; frees the partial sums, so call it once.
    func bias() -> Tensor? {
        guard let biasPartials else { return nil }
        defer { biasPartials.deallocate() }
        let out = Tensor(uninitializedShape: [biasCount])
        for c in 0..<biasCount {
            out.pointer[c] = Float((0..<chunks.pieces).reduce(0.0) { $0 + biasPartials[$1 * biasCount + c] })
        }
        return out
    }
}
