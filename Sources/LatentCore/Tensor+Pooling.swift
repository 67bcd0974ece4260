extension Tensor {
    /// Max-pooling over windows of `kernel` x `kernel`, stepping by `stride` (default: `kernel`), with `padding`
    /// rows and columns of -infinity around the image (so a window's maximum is over its pixels inside the image).
    ///
    /// x: (N, C, H, W) -> (N, C, (H + 2P - kernel) / stride + 1, (W + 2P - kernel) / stride + 1), P = `padding`,
    /// at most kernel / 2 as in PyTorch (so every window holds a pixel).
    ///
    /// - Parameters:
    ///   - kernel: the side of the square window.
    ///   - stride: the step between windows.
    ///   - padding: rows and columns of -infinity on each side.
    public func maxPool2d(kernel: Int, stride: Int? = nil, padding: Int = 0) -> Tensor {
        let stride = stride ?? kernel
        precondition(
            rank == 4 && kernel >= 1 && stride >= 1 && padding >= 0 && 2 * padding <= kernel
                && shape[2] + 2 * padding >= kernel && shape[3] + 2 * padding >= kernel,
            "maxPool2d(kernel: \(kernel), stride: \(stride), padding: \(padding)) needs (N, C, H, W) with "
                + "H + 2 * padding, W + 2 * padding >= kernel and padding <= kernel / 2, got \(shape)")
        let (planes, height, width) = (shape[0] * shape[1], shape[2], shape[3])
        let outHeight = (height + 2 * padding - kernel) / stride + 1
        let outWidth = (width + 2 * padding - kernel) / stride + 1
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
                    if kernel == 2 && stride == 2 && padding == 0 {
                        let top = base &+ y &* 2 &* width
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
                    // The window's rows and columns inside the image: the padding never wins a maximum.
                    let top = y &* stride &- padding
                    let rows = max(top, 0)..<min(top &+ kernel, height)
                    for x in 0..<outWidth {
                        let left = x &* stride &- padding
                        let columns = max(left, 0)..<min(left &+ kernel, width)
                        var best = base &+ rows.lowerBound &* width &+ columns.lowerBound
                        var largest = input[best]
                        for row in rows {
                            let start = base &+ row &* width
                            for column in columns where input[start &+ column] > largest {
                                best = start &+ column
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
