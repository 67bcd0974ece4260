import Foundation
import LatentCore

/// Histograms of edge directions: which way an image's outlines run in its upper and its lower half, a summary of
/// shape that colour histograms lack and that a mirror, a crop or a change of brightness barely moves.
///
/// The grey image (the channels' mean) is differentiated by central differences at every inner pixel. A pixel's edge
/// votes with its strength, sqrt(dx^2 + dy^2), for the bin of its direction atan2(dy, |dx|), which runs over
/// [-pi/2, pi/2] in `directions` equal bins: taking |dx| makes an edge and its mirror image the same direction, and
/// halves split by rows are mirrored onto themselves, so a mirrored image has exactly the same code. The votes are
/// L1-normalised and square-rooted as `ColourHistogram` does (Hellinger), so a code has unit length, or is zero for
/// an image without any edge.
public enum EdgeHistogram {
    /// Direction bins per half.
    public static let directions = 8
    /// Bands of rows, top to bottom: enough to tell a sky above from a floor below, few enough that a crop of the
    /// frame moves little weight between them.
    public static let bands = 2
    /// Values in one code.
    public static let length = directions * bands

    /// The edge histograms of `images` (N, C * H * W) -> (N, `length`).
    /// - Parameters:
    ///   - images: planar pixel values, one image a row.
    ///   - channels: C.
    ///   - height: H in pixels.
    ///   - width: W in pixels.
    public static func codes(of images: Tensor, channels: Int, height: Int, width: Int) -> Tensor {
        let area = height * width
        precondition(images.rank == 2 && images.shape[1] == channels * area, "edges: rows of \(images.shape)")
        let count = images.shape[0]
        let result = Tensor(zeros: [count, length])
        images.withUnsafeBufferPointer { pixels in
            result.withUnsafeMutableBufferPointer { buffer in
                nonisolated(unsafe) let histograms = buffer  // Each core writes only the rows of its own range.
                parallelRanges(count, clock: .elementwise) { range in  // the clock only runs in benchmarks
                    let grey = UnsafeMutableBufferPointer<Float>.allocate(capacity: area)
                    defer { grey.deallocate() }
                    for n in range {
                        greyImage(pixels, image: n, channels: channels, area: area, into: grey)
                        let histogram = UnsafeMutableBufferPointer(
                            rebasing: histograms[(n * length)..<((n + 1) * length)])
                        vote(grey, height: height, width: width, into: histogram)
                        normalise(histogram)
                    }
                }
            }
        }
        return result
    }

    /// The mean of the channels of image `image`, row-major.
    private static func greyImage(
        _ pixels: UnsafeBufferPointer<Float>, image: Int, channels: Int, area: Int,
        into grey: UnsafeMutableBufferPointer<Float>
    ) {
        let start = image * channels * area
        let share = 1 / Float(channels)
        for i in 0..<area { grey[i] = pixels[start + i] * share }
        for channel in 1..<channels {
            let plane = start + channel * area
            for i in 0..<area { grey[i] += pixels[plane + i] * share }
        }
    }

    /// Adds each inner pixel's edge strength to the bin of its band and direction.
    private static func vote(
        _ grey: UnsafeMutableBufferPointer<Float>, height: Int, width: Int,
        into histogram: UnsafeMutableBufferPointer<Float>
    ) {
        guard height > 2, width > 2 else { return }
        let binsPerRadian = Float(directions) / Float.pi
        for y in 1..<(height - 1) {
            let band = y * bands / height
            let row = y * width
            for x in 1..<(width - 1) {
                let dx = abs(grey[row + x + 1] - grey[row + x - 1])
                let dy = grey[row + width + x] - grey[row - width + x]
                let strength = (dx * dx + dy * dy).squareRoot()
                guard strength > 0 else { continue }
                let direction = Int((atan2(dy, dx) + Float.pi / 2) * binsPerRadian)
                histogram[band * directions + min(max(direction, 0), directions - 1)] += strength
            }
        }
    }

    /// Square roots of the L1-normalised votes; left at zero when nothing voted.
    private static func normalise(_ histogram: UnsafeMutableBufferPointer<Float>) {
        let total = histogram.reduce(0, +)
        guard total > 0 else { return }
        for i in histogram.indices { histogram[i] = (histogram[i] / total).squareRoot() }
    }
}
