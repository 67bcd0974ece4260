import Foundation
import LatentCore
import LatentData
import LatentPictures

/// The pictures researchers compare generative autoencoders by: samples from the prior, interpolations between two
/// images, traversals of one code unit at a time, and for 2-unit codes the decoded plane.
public enum GenerativePictures {
    /// `rows` x `columns` images decoded from codes drawn from N(0, I), the prior of a variational autoencoder and of
    /// a WAE.
    ///
    /// - Parameters:
    ///   - autoencoder: the model whose decoder draws them.
    ///   - shape: the images' shape, (channels, height, width).
    ///   - codeSize: the code's units.
    ///   - rows: rows of the picture.
    ///   - columns: samples per row.
    ///   - seed: seeds the drawn codes.
    public static func priorSamples(
        of autoencoder: Autoencoder, shape: (channels: Int, height: Int, width: Int), codeSize: Int,
        rows: Int = 4, columns: Int = 10, seed: UInt64 = 0
    ) throws -> Canvas {
        var generator = SeededGenerator(seed: seed)
        let images = try autoencoder.decode(Tensor.normal([rows * columns, codeSize], using: &generator))
        var grid = ImageGrid(imageWidth: shape.width, imageHeight: shape.height, channels: shape.channels)
        grid.rows = (0..<rows).map { row in
            ("SAMPLES", (0..<columns).map { tile(images, row * columns + $0) })
        }
        return grid.render()
    }

    /// The codes `steps` evenly spaced along the straight line from `start` to `end` (each (1, code)), both ends
    /// included.
    ///
    /// - Parameters:
    ///   - start: the first code.
    ///   - end: the last code.
    ///   - steps: how many codes, at least 2.
    public static func interpolationCodes(from start: Tensor, to end: Tensor, steps: Int) -> Tensor {
        precondition(start.shape == end.shape && start.shape[0] == 1 && steps >= 2, "interpolation of one code pair")
        let (a, b, size) = (start.scalars, end.scalars, start.shape[1])
        var codes = [Float](repeating: 0, count: steps * size)
        for step in 0..<steps {
            let t = Float(step) / Float(steps - 1)
            for unit in 0..<size { codes[step * size + unit] = (1 - t) * a[unit] + t * b[unit] }
        }
        return Tensor(shape: [steps, size], scalars: codes)
    }

    /// For each pair of test images, the decoded interpolation between their codes, the two images at the ends.
    ///
    /// - Parameters:
    ///   - autoencoder: the model that encodes and decodes.
    ///   - images: the images the pairs index.
    ///   - pairs: pairs of rows of `images`, one picture row each.
    ///   - steps: decoded codes per row, ends included.
    public static func interpolations(
        by autoencoder: Autoencoder, of images: ImageDataset, pairs: [(Int, Int)], steps: Int = 10
    ) throws -> Canvas {
        var grid = ImageGrid(imageWidth: images.width, imageHeight: images.height, channels: images.channels)
        for (first, second) in pairs {
            let start = autoencoder.encode(images.images.rows(first..<(first + 1)))
            let end = autoencoder.encode(images.images.rows(second..<(second + 1)))
            let path = interpolationCodes(from: start, to: end, steps: steps)
            let decoded = try autoencoder.decode(path)
            let ends = (image(images, first), image(images, second))
            grid.rows.append(
                ("\(first) TO \(second)", [ends.0] + (0..<steps).map { tile(decoded, $0) } + [ends.1]))
        }
        return grid.render()
    }

    /// Copies of `code` (1, code) with unit `unit` set to each of `values` in turn, one row per value.
    ///
    /// - Parameters:
    ///   - code: the code the traversal starts from.
    ///   - unit: the code unit that varies.
    ///   - values: the values it takes.
    public static func traversalCodes(of code: Tensor, unit: Int, values: [Float]) -> Tensor {
        precondition(code.shape[0] == 1 && (0..<code.shape[1]).contains(unit), "a traversal of one unit of one code")
        let size = code.shape[1]
        var codes = [Float](repeating: 0, count: values.count * size)
        for (row, value) in values.enumerated() {
            for other in 0..<size { codes[row * size + other] = code.scalars[other] }
            codes[row * size + unit] = value
        }
        return Tensor(shape: [values.count, size], scalars: codes)
    }

    /// The code of one test image decoded with one unit at a time moved across -3 to +3 standard deviations of that
    /// unit over `codes` (the codes of many test images), so that each row shows what one unit changes.
    ///
    /// - Parameters:
    ///   - autoencoder: the model that decodes.
    ///   - images: the images `row` indexes.
    ///   - row: the image whose code is traversed.
    ///   - codes: codes of many images (`row`'s among them), which set each unit's spread.
    ///   - units: how many units, from the first, get a row.
    ///   - steps: decoded codes per row.
    public static func traversals(
        by autoencoder: Autoencoder, of images: ImageDataset, row: Int, codes: Tensor, units: Int = 8, steps: Int = 9
    ) throws -> Canvas {
        let code = codes.rows(row..<(row + 1))
        let spreads = unitSpreads(codes)
        var grid = ImageGrid(imageWidth: images.width, imageHeight: images.height, channels: images.channels)
        for unit in 0..<min(units, spreads.count) {
            let (mean, deviation) = spreads[unit]
            let values = (0..<steps).map { mean + deviation * (6 * Float($0) / Float(max(steps - 1, 1)) - 3) }
            let decoded = try autoencoder.decode(traversalCodes(of: code, unit: unit, values: values))
            grid.rows.append(("UNIT \(unit)", [image(images, row)] + (0..<steps).map { tile(decoded, $0) }))
        }
        return grid.render()
    }

    /// Each unit's mean and standard deviation over the rows of `codes` (N, code).
    static func unitSpreads(_ codes: Tensor) -> [(mean: Float, deviation: Float)] {
        let mean = codes.mean(axes: [0], keepingDimensions: true)
        let deviation = ((codes - mean) * (codes - mean)).mean(axes: [0]).sqrt()
        return Array(zip(mean.scalars, deviation.scalars))
    }

    /// For a 2-unit code, the images decoded over a `side` x `side` grid of the plane from -3 to +3 on each axis
    /// (the prior's bulk), the first unit across and the second down.
    ///
    /// - Parameters:
    ///   - autoencoder: the model that decodes.
    ///   - shape: the images' shape, (channels, height, width).
    ///   - side: grid points on each axis.
    public static func decodedPlane(
        of autoencoder: Autoencoder, shape: (channels: Int, height: Int, width: Int), side: Int = 15
    ) throws -> Canvas {
        let positions = (0..<side).map { 6 * Float($0) / Float(max(side - 1, 1)) - 3 }
        var codes: [Float] = []
        for second in positions { for first in positions { codes += [first, second] } }
        let images = try autoencoder.decode(Tensor(shape: [side * side, 2], scalars: codes))
        var grid = ImageGrid(imageWidth: shape.width, imageHeight: shape.height, channels: shape.channels)
        grid.scale = 1
        grid.rows = positions.indices.map { row in
            (String(format: "Z2 %+.1f", positions[row]), (0..<side).map { tile(images, row * side + $0) })
        }
        return grid.render()
    }

    static func tile(_ images: Tensor, _ row: Int) -> ImageGrid.Tile {
        ImageGrid.Tile(pixels: images.rows(row..<(row + 1)).scalars, caption: [])
    }

    private static func image(_ images: ImageDataset, _ row: Int) -> ImageGrid.Tile {
        ImageGrid.Tile(
            pixels: images.images.rows(row..<(row + 1)).scalars, caption: [images.classNames[images.labels[row]]])
    }
}
