/// The two layouts a convolution moves between, for one chunk of images at a time.
///
/// Letters: C channels, L positions per image (H * W). Images are batch-major (count, C, L), as layers see
/// them; the matrix products want them channel-major, one row per channel: (C, count*L), a block of columns
/// inside rows of `rowLength` floats.
package enum ConvolutionLayout {
    /// (count, C, L) -> (C, count*L); adds each channel's sum to `sums[c]` on the way when asked (a bias gradient).
    package static func channelMajor(
        _ source: UnsafePointer<Float>, count: Int, channels: Int, positions: Int,
        into destination: UnsafeMutablePointer<Float>, rowLength: Int,
        sums: UnsafeMutablePointer<Double>? = nil
    ) {
        KernelClock.measure(.layout) {
            for n in 0..<count {
                for c in 0..<channels {
                    let (from, to) = (
                        source + (n * channels + c) * positions, destination + c * rowLength + n * positions
                    )
                    to.update(from: from, count: positions)
                    if let sums { sums[c] += Double(Tensor.serialTotal(from, count: positions)) }
                }
            }
        }
    }

    /// (C, count*L) -> (count, C, L), adding bias[c] to channel c when there is a bias.
    package static func batchMajor(
        _ source: UnsafePointer<Float>, rowLength: Int, count: Int, channels: Int, positions: Int,
        bias: UnsafePointer<Float>?, into destination: UnsafeMutablePointer<Float>
    ) {
        KernelClock.measure(.layout) {
            for n in 0..<count {
                for c in 0..<channels {
                    let (from, to) = (
                        source + c * rowLength + n * positions, destination + (n * channels + c) * positions
                    )
                    if let bias {
                        let value = bias[c]
                        for i in 0..<positions { to[i] = from[i] + value }
                    } else {
                        to.update(from: from, count: positions)
                    }
                }
            }
        }
    }

    /// Adds bias[c] to every element of channel c, in place. x: (count, C, L).
    package static func addBias(
        _ bias: UnsafePointer<Float>, to x: UnsafeMutablePointer<Float>, count: Int, channels: Int,
        positions: Int
    ) {
        KernelClock.measure(.layout) {
            for n in 0..<count {
                for c in 0..<channels {
                    let (plane, value) = (x + (n * channels + c) * positions, bias[c])
                    for i in 0..<positions { plane[i] += value }
                }
            }
        }
    }

    /// Adds each channel's sum over images and positions to `sums[c]`. x: (count, C, L).
    package static func addChannelSums(
        _ x: UnsafePointer<Float>, count: Int, channels: Int, positions: Int,
        into sums: UnsafeMutablePointer<Double>
    ) {
        KernelClock.measure(.elementwise) {
            for n in 0..<count {
                for c in 0..<channels {
                    sums[c] += Double(Tensor.serialTotal(x + (n * channels + c) * positions, count: positions))
                }
            }
        }
    }
}
