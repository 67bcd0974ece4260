import Foundation
import LatentCore

/// Random resized crop: a random box of the image, stretched back to the whole image with bilinear sampling.
enum ResizedCrop {
    /// Crops `image` in place: a box of a random share of the area in [`minimumScale`, 1] and an aspect ratio
    /// log-uniform in [3/4, 4/3] times the image's own, placed uniformly.
    ///
    /// As torchvision does, ten draws that do not fit inside the image are allowed before the whole image is kept;
    /// the box is not rounded to whole pixels, so a scale of 1 keeps the image exactly.
    static func apply(
        to image: UnsafeMutableBufferPointer<Float>, _ layout: ImagePlanes, minimumScale: Float,
        scratch: inout [Float], using generator: inout SeededGenerator
    ) {
        // The box, as shares of the width and height and the offset of its corner.
        var box = (x: Float(0), y: Float(0), width: Float(1), height: Float(1))
        for _ in 0..<10 {
            let scale = Float.random(in: minimumScale...1, using: &generator)
            let ratio = exp(Float.random(in: log(Float(3) / 4)...log(Float(4) / 3), using: &generator))
            let (width, height) = ((scale * ratio).squareRoot(), (scale / ratio).squareRoot())
            guard width <= 1, height <= 1 else { continue }
            box = (
                Float.random(in: 0...(1 - width), using: &generator),
                Float.random(in: 0...(1 - height), using: &generator), width, height
            )
            break
        }
        guard box != (0, 0, 1, 1) else { return }
        let columns = samples(count: layout.width, start: box.x, share: box.width)
        let rows = samples(count: layout.height, start: box.y, share: box.height)
        scratch.withUnsafeMutableBufferPointer { out in
            // image, out: (C, H, W)
            for plane in stride(from: 0, to: layout.count, by: layout.area) {
                for (i, row) in rows.enumerated() {
                    let top = plane + row.first * layout.width
                    let bottom = plane + row.second * layout.width
                    let target = plane + i * layout.width
                    for (j, column) in columns.enumerated() {
                        let upper =
                            image[top + column.first] * (1 - column.weight)
                            + image[top + column.second] * column.weight
                        let lower =
                            image[bottom + column.first] * (1 - column.weight)
                            + image[bottom + column.second] * column.weight
                        out[target + j] = upper * (1 - row.weight) + lower * row.weight
                    }
                }
            }
            _ = image.update(fromContentsOf: out)
        }
    }

    /// Where each of `count` output pixels samples a box starting at `start` and `share` of the length wide: the two
    /// neighbouring source pixels and the weight of the second, pixel centres aligned as in image resizing.
    private static func samples(count: Int, start: Float, share: Float) -> [(first: Int, second: Int, weight: Float)] {
        let length = Float(count)
        return (0..<count).map { index in
            let position = min(max(start * length + (Float(index) + 0.5) * share - 0.5, 0), length - 1)
            let first = Int(position)
            return (first, min(first + 1, count - 1), position - Float(first))
        }
    }
}
