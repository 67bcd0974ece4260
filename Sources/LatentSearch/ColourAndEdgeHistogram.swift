import LatentCore

/// A photo's colours and the directions of its edges in one code: `ColourHistogram` followed by `EdgeHistogram`,
/// each scaled by 1/sqrt(2) so that the whole has unit length and its cosine similarity is the mean of the two
/// histograms'. Colours alone confuse photos of the same palette (a basketball and an orange on white); the edges
/// tell their shapes apart, and neither half changes with a mirror.
public enum ColourAndEdgeHistogram {
    /// The codes of `images` (N, C * H * W) -> (N, bins^C + `EdgeHistogram.length`).
    /// - Parameters:
    ///   - images: planar pixel values in [0, 1], one image a row.
    ///   - channels: C, 1 (grey) or 3 (RGB).
    ///   - height: H in pixels.
    ///   - width: W in pixels.
    ///   - bins: the colour histogram's bins per channel, in `ColourHistogram.binRange`.
    public static func codes(of images: Tensor, channels: Int, height: Int, width: Int, bins: Int) -> Tensor {
        let colours = ColourHistogram.codes(of: images, channels: channels, height: height, width: width, bins: bins)
        let edges = EdgeHistogram.codes(of: images, channels: channels, height: height, width: width)
        return Tensor.concatenate([colours, edges], axis: 1) * (0.5 as Float).squareRoot()
    }
}
