import Foundation
import LatentCore
import LatentImages

/// The perceptual hash (pHash) of images: 63 bits of the image's coarse brightness pattern, which survive
/// resizing, JPEG compression and brightness or contrast changes.
///
/// Each image is made grey, shrunk to 32x32 by area averaging and transformed by a 2-D DCT-II; its 8x8 lowest
/// frequencies less the constant term (which brightness alone moves) are compared with their median. A bit is
/// stored as +1 or -1, so that squared L2 distance is 4 times the Hamming distance and cosine 1 - 2 * Hamming / 63:
/// both rank exactly as Hamming distance does.
public enum PerceptualHash {
    /// The side of the grey thumbnail that the DCT reads.
    public static let side = 32
    /// The side of the block of lowest frequencies kept.
    public static let frequencies = 8
    /// Bits per image: the block less its constant term.
    public static let bits = frequencies * frequencies - 1

    /// The hashes of `images` (N, C * H * W) -> (N, 63), values +1 and -1.
    /// - Parameters:
    ///   - images: planar pixel values, one image a row.
    ///   - channels: C, 1 (grey) or 3 (RGB, made grey with BT.601's weights).
    ///   - height: H in pixels.
    ///   - width: W in pixels.
    public static func codes(of images: Tensor, channels: Int, height: Int, width: Int) -> Tensor {
        let area = height * width
        precondition(images.rank == 2 && images.shape[1] == channels * area, "pHash: rows of \(images.shape)")
        let count = images.shape[0]
        let result = Tensor(zeros: [count, bits])
        let across = AreaFilter(input: width, output: side, shift: 0, sourceLength: width)
        let down = AreaFilter(input: height, output: side, shift: 0, sourceLength: height)
        // cosines[u * side + x] = cos(pi * (2x + 1) * u / (2 * side)): DCT-II without its scale, the same for every
        // frequency, which comparisons with the median do not need.
        let cosines = (0..<(frequencies * side)).map { index in
            Float(cos(Double.pi * Double(2 * (index % side) + 1) * Double(index / side) / Double(2 * side)))
        }
        cosines.withUnsafeBufferPointer { cosines in
            images.withUnsafeBufferPointer { pixels in
                result.withUnsafeMutableBufferPointer { buffer in
                    nonisolated(unsafe) let hashes = buffer  // Each core writes only the rows of its own range.
                    parallelRanges(count, clock: .elementwise) { range in  // the clock only runs in benchmarks
                        // grey: (H, W); small: (32, 32); alongRows: (32, 8), each row's lowest frequencies.
                        let grey = UnsafeMutableBufferPointer<Float>.allocate(capacity: area)
                        let small = UnsafeMutableBufferPointer<Float>.allocate(capacity: side * side)
                        let alongRows = UnsafeMutableBufferPointer<Float>.allocate(capacity: side * frequencies)
                        defer { for buffer in [grey, small, alongRows] { buffer.deallocate() } }
                        var low = [Float](repeating: 0, count: bits)
                        for n in range {
                            let image = UnsafeBufferPointer(
                                rebasing: pixels[(n * channels * area)..<((n + 1) * channels * area)])
                            greyLevels(of: image, channels: channels, into: grey)
                            shrink(grey, width: width, across: across, down: down, into: small)
                            lowFrequencies(of: small, cosines: cosines, alongRows: alongRows, into: &low)
                            let median = low.sorted()[bits / 2]
                            for (bit, value) in low.enumerated() { hashes[n * bits + bit] = value > median ? 1 : -1 }
                        }
                    }
                }
            }
        }
        return result
    }

    /// image: (C, H, W) -> grey: (H, W).
    private static func greyLevels(
        of image: UnsafeBufferPointer<Float>, channels: Int, into grey: UnsafeMutableBufferPointer<Float>
    ) {
        let area = grey.count
        for i in 0..<area {
            grey[i] =
                channels == 3 ? 0.299 * image[i] + 0.587 * image[i + area] + 0.114 * image[i + 2 * area] : image[i]
        }
    }

    /// grey: (H, W) -> small: (32, 32), averaging the area each output pixel covers.
    private static func shrink(
        _ grey: UnsafeMutableBufferPointer<Float>, width: Int, across: AreaFilter, down: AreaFilter,
        into small: UnsafeMutableBufferPointer<Float>
    ) {
        for y in 0..<side {
            for x in 0..<side {
                var sum: Float = 0
                for row in down.taps[y] {
                    var line: Float = 0
                    let start = down.sources[row] * width
                    for column in across.taps[x] {
                        line += across.weights[column] * grey[start + across.sources[column]]
                    }
                    sum += down.weights[row] * line
                }
                small[y * side + x] = sum
            }
        }
    }

    /// The 8x8 lowest DCT-II frequencies of `small` (32, 32) but the constant one, row by row, into `low` (63).
    private static func lowFrequencies(
        of small: UnsafeMutableBufferPointer<Float>, cosines: UnsafeBufferPointer<Float>,
        alongRows: UnsafeMutableBufferPointer<Float>, into low: inout [Float]
    ) {
        for y in 0..<side {
            for u in 0..<frequencies {
                var sum: Float = 0
                for x in 0..<side { sum += small[y * side + x] * cosines[u * side + x] }
                alongRows[y * frequencies + u] = sum
            }
        }
        var bit = 0
        for v in 0..<frequencies {
            for u in 0..<frequencies where u > 0 || v > 0 {
                var sum: Float = 0
                for y in 0..<side { sum += alongRows[y * frequencies + u] * cosines[v * side + y] }
                low[bit] = sum
                bit += 1
            }
        }
    }
}
