import LatentCore

extension MiniBatches.Batch {
    /// The batch with every pixel drawn anew from Bernoulli(its value): dynamic binarisation, which gives each pass
    /// over a grey dataset fresh binary images (Salakhutdinov and Murray's binarised MNIST, drawn per batch).
    ///
    /// - Parameter generator: draws the pixels; a trainer passes the generator its checkpoints save.
    public func binarised(using generator: inout some RandomNumberGenerator) -> MiniBatches.Batch {
        MiniBatches.Batch(
            images: images.bernoulliDraw(using: &generator), labels: labels, indices: indices, wholeCount: wholeCount,
            channels: channels, height: height, width: width)
    }
}
