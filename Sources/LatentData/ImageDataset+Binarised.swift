import LatentCore

extension ImageDataset {
    /// The same images with every pixel drawn once from Bernoulli(its value), from `seed`: the fixed binarisation a
    /// test split gets so that every evaluation of a dynamically binarised model sees the same binary images.
    ///
    /// - Parameter seed: seeds the draws; the same seed gives the same images.
    public func binarised(seed: UInt64) -> ImageDataset {
        var generator = SeededGenerator(seed: seed)
        return ImageDataset(
            name: "\(name), binarised", images: images.bernoulliDraw(using: &generator), labels: labels,
            channels: channels, height: height, width: width, classNames: classNames)
    }
}
