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

    package init(channels: Int, height: Int, width: Int, kernelHeight: Int, kernelWidth: Int, stride: Int, padding: Int) {
        precondition(stride >= 1 && padding >= 0, "convolution needs stride >= 1 and padding >= 0, got \(stride) and \(padding)")
        self.channels = channels
        self.height = height
        self.width = width
        self.kernelHeight = kernelHeight
        self.kernelWidth = kernelWidth
        self.stride = stride
        self.padding = padding
        precondition(height + 2 * padding >= kernelHeight && width + 2 * padding >= kernelWidth,
                     "a \(kernelHeight)x\(kernelWidth) kernel with padding \(padding) gives an empty output on a \(height)x\(width) image")
    }

    /// Unfolds a batch of images into patches on one core: split across both, it ran slower while OpenBLAS's idle worker spun.
    ///
    /// images: (N, C, H, W) -> columns: (C*KH*KW, N*L); the row is (c, ki, kj), the column (n, oh, ow).
    package func imageToColumns(_ images: UnsafePointer<Float>, batch: Int, columns: UnsafeMutablePointer<Float>) {
        let (oh, ow) = (outputHeight, outputWidth)
        let rowLength = batch * positions
        do { let imageRange = 0..<batch
            for c in 0..<channels {
                for ki in 0..<kernelHeight {
                    for kj in 0..<kernelWidth {
                        let row = columns + ((c * kernelHeight + ki) * kernelWidth + kj) * rowLength
                        let (first, end) = validOutputColumns(kernelColumn: kj)
                        for n in imageRange {
                            let plane = images + (n * channels + c) * height * width
                            var destination = row + n * positions
                            for y in 0..<oh {
                                let sourceRow = y * stride - padding + ki
                                if sourceRow < 0 || sourceRow >= height {
                                    destination.update(repeating: 0, count: ow)
                                } else {
                                    let source = plane + sourceRow * width - padding + kj
                                    for x in 0..<first { destination[x] = 0 }
                                    for x in first..<end { destination[x] = source[x * stride] }
                                    for x in end..<ow { destination[x] = 0 }
                                }
                                destination += ow
                            }
                        }
                    }
                }
            }
        }
    }

    /// Folds patches back, adding overlapping contributions: the adjoint of `imageToColumns`.
    ///
    /// columns: (C*KH*KW, N*L) -> images: (N, C, H, W), which must start zeroed.
    package func columnsToImage(_ columns: UnsafePointer<Float>, batch: Int, images: UnsafeMutablePointer<Float>) {
        let (oh, ow) = (outputHeight, outputWidth)
        let rowLength = batch * positions
        do { let imageRange = 0..<batch
            for c in 0..<channels {
                for ki in 0..<kernelHeight {
                    for kj in 0..<kernelWidth {
                        let row = columns + ((c * kernelHeight + ki) * kernelWidth + kj) * rowLength
                        let (first, end) = validOutputColumns(kernelColumn: kj)
                        for n in imageRange {
                            let plane = images + (n * channels + c) * height * width
                            var source = row + n * positions
                            for y in 0..<oh {
                                let destinationRow = y * stride - padding + ki
                                if destinationRow >= 0 && destinationRow < height {
                                    let destination = plane + destinationRow * width - padding + kj
                                    for x in first..<end { destination[x * stride] += source[x] }
                                }
                                source += ow
                            }
                        }
                    }
                }
            }
        }
    }

    /// The output columns x whose input column x * stride - padding + kernelColumn lies inside the image.
    private func validOutputColumns(kernelColumn: Int) -> (first: Int, end: Int) {
        let offset = kernelColumn - padding
        let first = offset >= 0 ? 0 : (-offset + stride - 1) / stride
        let end = width - 1 - offset < 0 ? 0 : min(outputWidth, (width - 1 - offset) / stride + 1)
        return (min(first, end), end)
    }
}

/// Swaps the two outer axes of a contiguous (A, B, inner) block into (B, A, inner).
package func swapOuterAxes(_ source: UnsafePointer<Float>, _ a: Int, _ b: Int, inner: Int,
                           into destination: UnsafeMutablePointer<Float>) {
    for i in 0..<a {
        for j in 0..<b {
            (destination + (j * a + i) * inner).update(from: source + (i * b + j) * inner, count: inner)
        }
    }
}
