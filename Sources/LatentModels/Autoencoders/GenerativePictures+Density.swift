import LatentCore
import LatentLinalg
import LatentPictures

extension GenerativePictures {
    /// `rows` x `columns` images decoded from codes drawn from `density`, a mixture fitted to the training codes:
    /// how a regularised autoencoder, which has no prior, generates (ex-post density estimation, Ghosh et al. 2020).
    ///
    /// - Parameters:
    ///   - autoencoder: the model whose decoder draws them.
    ///   - density: the distribution the codes are drawn from, of the code's dimensions.
    ///   - shape: the images' shape, (channels, height, width).
    ///   - rows: rows of the picture.
    ///   - columns: samples per row.
    ///   - seed: seeds the drawn codes.
    public static func densitySamples(
        of autoencoder: Autoencoder, from density: GaussianMixture, shape: (channels: Int, height: Int, width: Int),
        rows: Int = 4, columns: Int = 10, seed: UInt64 = 0
    ) throws -> Canvas {
        var generator = SeededGenerator(seed: seed)
        let images = try autoencoder.decode(density.sample(rows * columns, using: &generator))
        var grid = ImageGrid(imageWidth: shape.width, imageHeight: shape.height, channels: shape.channels)
        grid.rows = (0..<rows).map { row in
            ("SAMPLES", (0..<columns).map { tile(images, row * columns + $0) })
        }
        return grid.render()
    }
}
