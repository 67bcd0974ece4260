import LatentCore

/// Joint colour histograms of images: which colours an image holds, wherever they are, so that a crop, a mirror or
/// an object that moves in the frame changes little.
///
/// Each channel's [0, 1] range is cut into `bins` equal bins and a pixel counts once, in the bin of its red, green
/// and blue together (bins^3 bins; a grey image has bins). The counts are divided by the pixel count (L1
/// normalisation, so image sizes compare) and square-rooted: a code then has unit length, squared L2 distance is
/// 2 - 2 * sum(sqrt(p * q)) and cosine is sum(sqrt(p * q)), so both rank as the Hellinger distance between the
/// histograms, which does not let the largest bin (a sky, a white background) drown the rest as plain L2 does.
public enum ColourHistogram {
    /// The bins per channel `index build --histogram` takes.
    public static let binRange = 2...16
    /// The bins per channel when none are given: 512 colours for RGB, enough to tell a sky from a sea.
    public static let defaultBins = 8

    /// The histograms of `images` (N, C * H * W) -> (N, bins^C).
    /// - Parameters:
    ///   - images: planar pixel values in [0, 1], one image a row.
    ///   - channels: C, 1 (grey) or 3 (RGB).
    ///   - height: H in pixels.
    ///   - width: W in pixels.
    ///   - bins: bins per channel, in `binRange`.
    public static func codes(of images: Tensor, channels: Int, height: Int, width: Int, bins: Int) -> Tensor {
        let area = height * width
        precondition(images.rank == 2 && images.shape[1] == channels * area, "histogram: rows of \(images.shape)")
        precondition(binRange.contains(bins), "histogram: \(bins) bins per channel, not in \(binRange)")
        let count = images.shape[0]
        let length = (0..<channels).reduce(1) { size, _ in size * bins }
        let result = Tensor(zeros: [count, length])
        images.withUnsafeBufferPointer { pixels in
            result.withUnsafeMutableBufferPointer { buffer in
                nonisolated(unsafe) let histograms = buffer  // Each core writes only the rows of its own range.
                parallelRanges(count, clock: .elementwise) { range in  // the clock only runs in benchmarks
                    for n in range {
                        // pixels: (N, C, H, W); the bin of a pixel is its channels' bins as digits, red first.
                        let image = n * channels * area
                        let histogram = n * length
                        for i in 0..<area {
                            var bin = 0
                            for channel in 0..<channels {
                                let value = min(max(pixels[image + channel * area + i], 0), 1)
                                bin = bin * bins + min(Int(value * Float(bins)), bins - 1)
                            }
                            histograms[histogram + bin] += 1
                        }
                        for bin in histogram..<(histogram + length) {
                            histograms[bin] = (histograms[bin] / Float(area)).squareRoot()
                        }
                    }
                }
            }
        }
        return result
    }
}
