/// The sizes of one 2-D convolution over a single image, and the im2col/col2im kernels for it.
///
/// Letters in shape comments: N batch, C channels, H/W image height/width,
/// KH/KW kernel height/width, OH/OW output height/width, L = OH * OW.
package struct ConvolutionGeometry {
    package let channels: Int, height: Int, width: Int
    package let kernelHeight: Int, kernelWidth: Int
    package let stride: Int, padding: Int

    package var outputHeight: Int { (height + 2 * padding - kernelHeight) / stride + 1 }
    package var outputWidth: Int { (width + 2 * padding - kernelWidth) / stride + 1 }
    /// Rows of the column matrix: C * KH * KW.
    package var patchSize: Int { channels * kernelHeight * kernelWidth }
    /// Output positions per image: OH * OW.
    package var positions: Int { outputHeight * outputWidth }

    package init(channels: Int, height: Int, width: Int, kernelHeight: Int, kernelWidth: Int, stride: Int, padding: Int)
    {
        precondition(
            stride >= 1 && padding >= 0, "convolution needs stride >= 1 and padding >= 0, got \(stride) and \(padding)")
        self.channels = channels
        self.height = height
        self.width = width
        self.kernelHeight = kernelHeight
        self.kernelWidth = kernelWidth
        self.stride = stride
        self.padding = padding
        precondition(
            height + 2 * padding >= kernelHeight && width + 2 * padding >= kernelWidth,
            "a \(kernelHeight)x\(kernelWidth) kernel with padding \(padding) gives an empty output on a \(height)x\(width) image"
        )
    }

    /// Unfolds `count` images into patches.
    ///
    /// Each plane is first copied into a zero-bordered scratch plane, so that every patch row is a plain
    /// (strided) copy with no bounds tests.
    ///
    /// images: (count, C, H, W) -> columns: (C*KH*KW, count*L) inside rows of `rowLength` floats (a block of
    /// columns of a wider matrix); the row is (c, ki, kj), the column (n, oh, ow).
    package func imageToColumns(
        _ images: UnsafePointer<Float>, count: Int, columns: UnsafeMutablePointer<Float>,
        rowLength: Int
    ) {
        let (oh, ow, paddedWidth) = (outputHeight, outputWidth, width + 2 * padding)
        let padded = UnsafeMutablePointer<Float>.allocate(capacity: paddedPlaneSize)
        defer { padded.deallocate() }
        padded.initialize(repeating: 0, count: paddedPlaneSize)
        let offsets = stridedOffsets()
        defer { offsets?.deallocate() }
        for n in 0..<count {
            for c in 0..<channels {
                let plane = images + (n * channels + c) * height * width
                for y in 0..<height {
                    (padded + (y + padding) * paddedWidth + padding).update(from: plane + y * width, count: width)
                }
                for ki in 0..<kernelHeight {
                    for kj in 0..<kernelWidth {
                        var out = columns + ((c * kernelHeight + ki) * kernelWidth + kj) * rowLength + n * positions
                        var source = UnsafePointer(padded + ki * paddedWidth + kj)
                        if let offsets {
                            for l in 0..<positions { out[l] = source[Int(offsets[l])] }
                            continue
                        }
                        for _ in 0..<oh {
                            for x in 0..<ow { out[x] = source[x] }
                            out += ow
                            source += paddedWidth
                        }
                    }
                }
            }
        }
    }

    /// Folds the patches of `count` images back, adding overlapping contributions: the adjoint of
    /// `imageToColumns`. The images are overwritten (they need not start zeroed).
    ///
    /// columns: (C*KH*KW, count*L) inside rows of `rowLength` floats -> images: (count, C, H, W).
    package func columnsToImage(
        _ columns: UnsafePointer<Float>, count: Int, rowLength: Int,
        images: UnsafeMutablePointer<Float>
    ) {
        let (oh, ow, paddedWidth) = (outputHeight, outputWidth, width + 2 * padding)
        let padded = UnsafeMutablePointer<Float>.allocate(capacity: paddedPlaneSize)
        defer { padded.deallocate() }
        let offsets = stridedOffsets()
        defer { offsets?.deallocate() }
        for n in 0..<count {
            for c in 0..<channels {
                padded.initialize(repeating: 0, count: paddedPlaneSize)
                for ki in 0..<kernelHeight {
                    for kj in 0..<kernelWidth {
                        var input = columns + ((c * kernelHeight + ki) * kernelWidth + kj) * rowLength + n * positions
                        var target = padded + ki * paddedWidth + kj
                        if let offsets {
                            for l in 0..<positions { target[Int(offsets[l])] += input[l] }
                            continue
                        }
                        for _ in 0..<oh {
                            for x in 0..<ow { target[x] += input[x] }
                            input += ow
                            target += paddedWidth
                        }
                    }
                }
                let plane = images + (n * channels + c) * height * width
                for y in 0..<height {
                    (plane + y * width).update(from: padded + (y + padding) * paddedWidth + padding, count: width)
                }
            }
        }
    }

    /// Floats in one plane with its zero border: (H + 2 * padding) * (W + 2 * padding).
    private var paddedPlaneSize: Int { (height + 2 * padding) * (width + 2 * padding) }

    /// For strided convolutions, where each output position's patch starts in the zero-bordered plane
    /// (y * stride * paddedWidth + x * stride), so that a patch row is one gather over all L positions
    /// instead of OH short strided rows; nil for stride 1, whose rows are contiguous copies.
    private func stridedOffsets() -> UnsafeMutablePointer<Int32>? {
        guard stride > 1 else { return nil }
        let offsets = UnsafeMutablePointer<Int32>.allocate(capacity: positions)
        for y in 0..<outputHeight {
            for x in 0..<outputWidth {
                offsets[y * outputWidth + x] = Int32(
                    truncatingIfNeeded: y * stride * (width + 2 * padding) + x * stride)
            }
        }
        return offsets
    }

}
