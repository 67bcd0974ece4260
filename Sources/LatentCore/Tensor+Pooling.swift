extension Tensor {
    /// Max-pooling over windows of `kernel` x `kernel`, stepping by `stride` (default: `kernel`).
    ///
    /// x: (N, C, H, W) -> (N, C, (H - kernel) / stride + 1, (W - kernel) / stride + 1).
    public func maxPool2d(kernel: Int, stride: Int? = nil) -> Tensor {
        let stride = stride ?? kernel
        precondition(rank == 4 && kernel >= 1 && stride >= 1 && shape[2] >= kernel && shape[3] >= kernel,
                     "maxPool2d(kernel: \(kernel), stride: \(stride)) needs (N, C, H, W) with H, W >= kernel, got \(shape)")
        let (planes, height, width) = (shape[0] * shape[1], shape[2], shape[3])
        let (outHeight, outWidth) = ((height - kernel) / stride + 1, (width - kernel) / stride + 1)
        let out = Tensor(uninitializedShape: [shape[0], shape[1], outHeight, outWidth])
        // Where each maximum came from, as an offset into the input: the backward pass routes gradients there.
        var sources = [Int32](repeating: 0, count: out.count)
        sources.withUnsafeMutableBufferPointer { sources in
            var o = 0
            for plane in 0..<planes {
                let base = plane * height * width
                for y in 0..<outHeight {
                    for x in 0..<outWidth {
                        var best = base + y * stride * width + x * stride
                        for ky in 0..<kernel {
                            let row = base + (y * stride + ky) * width + x * stride
                            for kx in 0..<kernel where pointer[row + kx] > pointer[best] { best = row + kx }
                        }
                        out.pointer[o] = pointer[best]
                        sources[o] = Int32(best)
                        o += 1
                    }
                }
            }
        }
        let inputShape = shape
        return Tensor.record(out, inputs: [self]) { _, g in
            let grad = Tensor(zeros: inputShape)
            sources.withUnsafeBufferPointer { sources in
                for o in 0..<g.count { grad.pointer[Int(sources[o])] += g.pointer[o] }
            }
            return [grad]
        }
    }

    /// Nearest-neighbour up-sampling by an integer factor. x: (N, C, H, W) -> (N, C, H * scale, W * scale).
    public func upsampleNearest(scale: Int) -> Tensor {
        precondition(rank == 4 && scale >= 1, "upsampleNearest(scale: \(scale)) needs (N, C, H, W) and scale >= 1, got \(shape)")
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
                let (source, destination) = (g.pointer + plane * outHeight * outWidth, grad.pointer + plane * height * width)
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
