import Foundation

/// Gaussian blur as two one-dimensional passes (rows, then columns), edges extended by their last pixel.
enum GaussianBlur {
    /// Blurs every plane of `image` in place with standard deviation `sigma` pixels; `scratch` holds the
    /// horizontal pass.
    static func apply(
        to image: UnsafeMutableBufferPointer<Float>, _ layout: ImagePlanes, sigma: Float, scratch: inout [Float]
    ) {
        // Three standard deviations hold 99.7 % of the weight; beyond the image's size the edge repeats anyway.
        let radius = min(Int((3 * sigma).rounded(.up)), max(layout.height, layout.width))
        guard radius > 0 else { return }
        let offsets = -radius...radius
        let raw = offsets.map { exp(-Float($0 * $0) / (2 * sigma * sigma)) }
        let total = raw.reduce(0, +)
        let weights = raw.map { $0 / total }
        let (width, height) = (layout.width, layout.height)
        scratch.withUnsafeMutableBufferPointer { across in
            weights.withUnsafeBufferPointer { weight in
                // image, across: (C, H, W)
                for row in stride(from: 0, to: layout.count, by: width) {
                    for x in 0..<width {
                        var sum: Float = 0
                        for k in offsets { sum += weight[k + radius] * image[row + min(max(x + k, 0), width - 1)] }
                        across[row + x] = sum
                    }
                }
                for plane in stride(from: 0, to: layout.count, by: layout.area) {
                    for y in 0..<height {
                        for x in 0..<width {
                            var sum: Float = 0
                            for k in offsets {
                                sum += weight[k + radius] * across[plane + min(max(y + k, 0), height - 1) * width + x]
                            }
                            image[plane + y * width + x] = sum
                        }
                    }
                }
            }
        }
    }
}
