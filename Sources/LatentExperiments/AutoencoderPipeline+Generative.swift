import LatentCore
import LatentData
import LatentModels
import LatentNN

extension AutoencoderPipeline {
    /// The generative pictures of a model that has a decoder of its own: interpolations between test images and
    /// traversals of the first code units; for a model whose codes follow N(0, I) (variational, WAE-MMD), samples
    /// from that prior too (a regularised autoencoder's from its fitted code density), and for 2-unit codes the decoded plane.
    func drawGenerativePictures(
        _ autoencoder: Autoencoder, testCodes: Tensor, test: ImageDataset, output: String
    ) throws -> [(file: String, caption: String)] {
        guard autoencoder.decoder != nil, test.count >= 2 else { return [] }
        var pictures: [(file: String, caption: String)] = []
        let pairs = stride(from: 0, to: min(6, test.count) - 1, by: 2).map { ($0, $0 + 1) }
        try GenerativePictures.interpolations(by: autoencoder, of: test, pairs: pairs)
            .savePNG(to: path("interpolations.png", in: output))
        pictures.append(
            (
                "interpolations.png",
                "Decoded codes on the straight line between two test images' codes (the images at the ends)"
            ))
        let spread = testCodes.rows(0..<min(2_000, test.count))
        try GenerativePictures.traversals(by: autoencoder, of: test, row: 0, codes: spread)
            .savePNG(to: path("traversals.png", in: output))
        pictures.append(
            (
                "traversals.png",
                "Test image 0 (left) decoded with one code unit at a time moved from -3 to +3 standard deviations"
            ))
        let shape = (test.channels, test.height, test.width)
        if let density = autoencoder.codeDensity {
            return pictures + [try drawDensitySamples(autoencoder, from: density, shape: shape, output: output)]
        }
        let followsPrior =
            autoencoder.model is VariationalAutoencoder || mmdWeight > 0 || autoencoder.adversarial != nil
        guard followsPrior else { return pictures }
        try GenerativePictures.priorSamples(of: autoencoder, shape: shape, codeSize: codeSize, seed: training.seed)
            .savePNG(to: path("samples.png", in: output))
        pictures.append(("samples.png", "Images decoded from codes drawn from the prior N(0, I)"))
        if codeSize == 2 {
            try GenerativePictures.decodedPlane(of: autoencoder, shape: shape)
                .savePNG(to: path("plane.png", in: output))
            pictures.append(("plane.png", "Images decoded over the code plane from -3 to +3 on each axis"))
        }
        return pictures
    }
}
