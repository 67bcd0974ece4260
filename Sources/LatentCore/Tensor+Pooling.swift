extension Tensor {
    /// Max-pooling over windows of `kernel` x `kernel`, stepping by `stride` (default: `kernel`).
    ///
    /// x: (N, C, H, W) -> (N, C, (H - kernel) / stride + 1, (W - kernel) / stride + 1).
    public func maxPool2d(kernel: Int, stride: Int? = nil) -> Tensor {
        let stride = stride ?? kernel
        precondition(
            rank == 4 && kernel >= 1 && stride >= 1 && shape[2] >= kernel && shape[3] >= kernel,
            "maxPool2d(kernel: \(kernel), stride: \(stride)) needs (N, C, H, W) with H, W >= kernel, got \(shape)")
        let (planes, height, width) = (shape[0] * shape[1], shape[2], shape[3])
        let (outHeight, outWidth) = ((height - kernel) / stride + 1, (width - kernel) / stride + 1)
        let out = Tensor(uninitializedShape: [shape[0], shape[1], outHeight, outWidth])
        // Where each maximum came from, as an offset into the input: the backward pass routes gradients there.
        let sources = UnsafeMutablePointer<Int32>.allocate(capacity: max(out.count, 1))
        let (input, output, planeSize, outPlaneSize) = (pointer, out.pointer, height * width, outHeight * outWidth)
        parallelRanges(planes, minimumPerPiece: max(1, elementwiseGrain / max(planeSize, 1)), clock: .elementwise) {
            range in
            for plane in range {
                let base = plane &* planeSize
                var o = plane &* outPlaneSize
                for y in 0..<outHeight {
                    let top = base &+ y &* stride &* width
                    if kernel == 2 && stride == 2 {
                        for x in 0..<outWidth {
                            // The first maximum in row-major order wins ties, as in PyTorch.
                            let corner = top &+ 2 &* x
                            var (best, largest) = (corner, input[corner])
                            if input[corner &+ 1] > largest { (best, largest) = (corner &+ 1, input[corner &+ 1]) }
                            if input[corner &+ width] > largest {
                                (best, largest) = (corner &+ width, input[corner &+ width])
                            }
                            if input[corner &+ width &+ 1] > largest {
                                (best, largest) = (corner &+ width &+ 1, input[corner &+ width &+ 1])
                            }
                            output[o] = largest
                            sources[o] = Int32(truncatingIfNeeded: best)
                            o &+= 1
                        }
                        continue
                    }
                    for x in 0..<outWidth {
                        var best = top &+ x &* stride
                        var largest = input[best]
                        for ky in 0..<kernel {
                            let row = top &+ ky &* width &+ x &* stride
                            for kx in 0..<kernel where input[row &+ kx] > largest {
                                best = row &+ kx
                                largest = input[best]
                            }
                        }
                        output[o] = largest
                        sources[o] = Int32(truncatingIfNeeded: best)
                        o &+= 1
                    }
                }
            }
        }
        let inputShape = shape
        let record = MaxPoolSources(pointer: sources)
        return Tensor.record(out, inputs: [self]) { _, g in
            let grad = Tensor(uninitializedShape: inputShape)
            let (target, gradient, sources) = (grad.pointer, g.pointer, record.pointer)
            // Planes are independent: each thread zeroes its planes and routes their gradients.
            parallelRanges(planes, minimumPerPiece: max(1, elementwiseGrain / max(planeSize, 1)), clock: .elementwise) {
                range in
                (target + range.lowerBound * planeSize).update(repeating: 0, count: range.count * planeSize)
                for o in (range.lowerBound * outPlaneSize)..<(range.upperBound * outPlaneSize) {
                    target[Int(sources[o])] += gradient[o]
                }
            }
            return [grad]
        }
    }

    /// Nearest-neighbour up-sampling by an integer factor. x: (N, C, H, W) -> (N, C, H * scale, W * scale).
    public func upsampleNearest(scale: Int) -> Tensor {
        precondition(
            rank == 4 && scale >= 1, "upsampleNearest(scale: \(scale)) needs (N, C, H, W) and scale >= 1, got \(shape)")
        let (planes, height, width) = (shape[0] * shape[1], shape[2], shape[3])
        let (outHeight, outWidth) = (height * scale, width * scale)
        let out = Tensor(uninitializedShape: [shape[0], shape[1], outHeight, outWidth])
        for plane in 0..<planes {
            let (source, destination) = (pointer + plane * height * width, out.pointer + plane * outHeight * outWidth)
            for y in 0..<outHeight {
                let (row, outRow) = (source + (y / scale) * width, destination + y * outWidth)
                for x in 0..<outWidth { outRow[x] = row[x / scale] }
            }
        }
        let inputShape = shape
        return Tensor.record(out, inputs: [self]) { _, g in
            let grad = Tensor(zeros: inputShape)
            for plane in 0..<planes {
                let (source, destination) = (
                    g.pointer + plane * outHeight * outWidth, grad.pointer + plane * height * width
                )
                for y in 0..<outHeight {
                    let (row, outRow) = (destination + (y / scale) * width, source + y * outWidth)
                    for x in 0..<outWidth { row[x / scale] += outRow[x] }
                }
            }
            return [grad]
        }
    }

    /// Zeroes each element with probability `rate` and scales the rest by 1 / (1 - rate) (inverted dropout).
    public func dropout(rate: Float, using generator: inout some RandomNumberGenerator) -> Tensor {
        precondition(rate >= 0 && rate < 1, "dropout rate must be in [0, 1), got \(rate)")
        let mask = Tensor(uninitializedShape: shape)
        let keep = 1 / (1 - rate)
        for i in 0..<count { mask.pointer[i] = Float.random(in: 0..<1, using: &generator) < rate ? 0 : keep }
        return self * mask
    }
}

/// The argmax offsets of a max-pooling, freed with the graph that holds them.
private final class MaxPoolSources {
    let pointer: UnsafeMutablePointer<Int32>
    init(pointer: UnsafeMutablePointer<Int32>) { self.pointer = pointer }
    deinit { pointer.deallocate() }
}
