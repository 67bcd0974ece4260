import LatentCore
import LatentData
import LatentNN
import LatentPictures
import LatentRetrieval

/// The pictures that show what an autoencoder learned, beside PCA.
public enum AutoencoderPictures {
    /// Test images (top row) above their reconstructions by each model given.
    public static func reconstructions(
        of images: ImageDataset, rows indices: [Int],
        by reconstructions: [(name: String, images: Tensor)]
    ) -> Canvas {
        var grid = ImageGrid(imageWidth: images.width, imageHeight: images.height, channels: images.channels)
        func tile(_ tensor: Tensor, _ row: Int, caption: [String]) -> ImageGrid.Tile {
            ImageGrid.Tile(pixels: tensor.rows(row..<(row + 1)).scalars, caption: caption)
        }
        grid.rows = [
            ("ORIGINAL", indices.map { tile(images.images, $0, caption: [images.classNames[images.labels[$0]]]) })
        ]
        for (name, reconstructed) in reconstructions {
            grid.rows.append((name.uppercased(), indices.map { tile(reconstructed, $0, caption: []) }))
        }
        return grid.render()
    }

    /// The first layer's weights as image tiles ("visualising weights"), each scaled to its own range (over all its
    /// channels, so that a colour tile shows which colours the unit prefers).
    /// - Precondition: the first layer is a Linear layer over the image's C * H * W values.
    public static func firstLayerWeights(
        _ weight: Tensor, imageWidth: Int, imageHeight: Int, channels: Int = 1,
        units: Int = 64, columns: Int = 16
    ) -> Canvas {
        let pixels = channels * imageWidth * imageHeight
        precondition(
            weight.rank == 2 && weight.shape[1] == pixels, "weights \(weight.shape) are not over \(pixels) pixels")
        var grid = ImageGrid(imageWidth: imageWidth, imageHeight: imageHeight, channels: channels)
        grid.scale = max(1, grid.scale * 2 / 3)  // 64 tiles: two thirds of the usual size (2 for 28x28)
        let shown = min(units, weight.shape[0])
        for start in stride(from: 0, to: shown, by: columns) {
            let tiles = (start..<min(start + columns, shown)).map { unit -> ImageGrid.Tile in
                let values = Array(weight.scalars[(unit * pixels)..<((unit + 1) * pixels)])
                let (low, high) = (values.min() ?? 0, values.max() ?? 1)
                return ImageGrid.Tile(pixels: values.map { ($0 - low) / max(high - low, 1e-12) }, caption: [])
            }
            grid.rows.append(("UNITS \(start)-\(start + tiles.count - 1)", tiles))
        }
        return grid.render()
    }

    /// A test image beside its `k` nearest train images in each feature space (pixels, PCA codes, autoencoder codes).
    public static func neighbours(
        query: Int, train: ImageDataset, test: ImageDataset, k: Int = 5,
        spaces: [(name: String, train: Tensor, test: Tensor)]
    ) throws -> Canvas {
        var grid = ImageGrid(imageWidth: test.width, imageHeight: test.height, channels: test.channels)
        let queryTile = ImageGrid.Tile(
            pixels: test.images.rows(query..<(query + 1)).scalars,
            caption: ["QUERY", test.classNames[test.labels[query]]])
        for space in spaces {
            let found = try NearestNeighbourIndex(space.train).search(space.test.rows(query..<(query + 1)), k: k)
            let tiles = found.of(0).map { neighbour in
                ImageGrid.Tile(
                    pixels: train.images.rows(neighbour.index..<(neighbour.index + 1)).scalars,
                    caption: [
                        train.classNames[train.labels[neighbour.index]], String(format: "D %.3g", neighbour.distance),
                    ])
            }
            grid.rows.append((space.name.uppercased(), [queryTile] + tiles))
        }
        return grid.render()
    }

    /// Two-dimensional codes as points coloured by class.
    public static func codeMap(_ codes: Tensor, labels: [Int], classNames: [String], title: String) -> SVGChart {
        var chart = SVGChart(title: title, xLabel: "code 1", yLabel: "code 2")
        chart.style = .points
        let (d, values) = (codes.shape[1], codes.scalars)
        chart.series = classNames.indices.map { label in
            SVGChart.Series(
                name: classNames[label],
                points: labels.indices.filter { labels[$0] == label }.map {
                    (Double(values[$0 * d]), Double(values[$0 * d + 1]))
                })
        }
        return chart
    }

    /// Loss per epoch, training and (when measured) validation.
    public static func trainingCurve(_ reports: [EpochReport], title: String) -> SVGChart {
        var chart = SVGChart(title: title, xLabel: "epoch", yLabel: "loss")
        chart.series = [SVGChart.Series(name: "train", points: reports.map { (Double($0.epoch), $0.trainLoss) })]
        let validation = reports.compactMap { report in report.validationLoss.map { (Double(report.epoch), $0) } }
        if !validation.isEmpty { chart.series.append(SVGChart.Series(name: "validation", points: validation)) }
        return chart
    }
}
