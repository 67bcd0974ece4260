import LatentCore

extension Augmentation {
    /// One randomly augmented view of every image: same shape out, values in [0, 1].
    ///
    /// The generator gives one seed per image and each image draws from its own seed, so the views are the same
    /// whichever core makes them; the images are edited on every core at once.
    /// - Parameters:
    ///   - images: (N, C * H * W) planar pixel values in [0, 1], as `ImageDataset` holds them.
    ///   - channels: C, 1 (grey) or 3 (RGB).
    ///   - height: H in pixels.
    ///   - width: W in pixels.
    ///   - generator: the randomness; it moves on by one draw per image.
    public func views(
        of images: Tensor, channels: Int, height: Int, width: Int,
        using generator: inout some RandomNumberGenerator
    ) -> Tensor {
        let layout = ImagePlanes(channels: channels, height: height, width: width)
        precondition(channels == 1 || channels == 3, "augmentation: \(channels) channels, not grey (1) or RGB (3)")
        precondition(
            images.rank == 2 && images.shape[1] == layout.count,
            "augmentation: images of shape \(images.shape) are not rows of \(channels)x\(height)x\(width)")
        let count = images.shape[0]
        let seeds = (0..<count).map { _ in generator.next() }
        let result = images.copy()
        result.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let all = buffer  // Each core edits only the rows of its own range.
            parallelRanges(count, clock: .elementwise) { range in  // the clock only runs in benchmarks
                var scratch = [Float](repeating: 0, count: layout.count)
                for n in range {
                    var imageGenerator = SeededGenerator(seed: seeds[n])
                    let image = UnsafeMutableBufferPointer(rebasing: all[(n * layout.count)..<((n + 1) * layout.count)])
                    for step in steps { step.apply(to: image, layout, scratch: &scratch, using: &imageGenerator) }
                    for i in image.indices { image[i] = min(max(image[i], 0), 1) }
                }
            }
        }
        return result
    }

    /// One randomly augmented view of every image of `batch`, laid out as its dataset's images are.
    /// - Parameters:
    ///   - batch: the images to edit; they stay as they are.
    ///   - generator: the randomness; it moves on by one draw per image.
    public func views(of batch: MiniBatches.Batch, using generator: inout some RandomNumberGenerator) -> Tensor {
        views(of: batch.images, channels: batch.channels, height: batch.height, width: batch.width, using: &generator)
    }
}

extension Augmentation.Step {
    /// Edits one image in place, drawing from `generator`; `scratch` holds `layout.count` values of room.
    func apply(
        to image: UnsafeMutableBufferPointer<Float>, _ layout: ImagePlanes, scratch: inout [Float],
        using generator: inout SeededGenerator
    ) {
        switch self {
        case .crop(let minimumScale):
            ResizedCrop.apply(to: image, layout, minimumScale: minimumScale, scratch: &scratch, using: &generator)
        case .flip:
            if Bool.random(using: &generator) { mirrorRows(image, width: layout.width) }
        case .jitter(let strength):
            ColourJitter.apply(to: image, layout, strength: strength, using: &generator)
        case .greyscale(let probability):
            if Float.random(in: 0..<1, using: &generator) < probability { ColourJitter.makeGrey(image, layout) }
        case .blur(let maximumSigma):
            let sigma = Float.random(in: min(0.1, maximumSigma)...maximumSigma, using: &generator)
            GaussianBlur.apply(to: image, layout, sigma: sigma, scratch: &scratch)
        case .jpeg(let minimumQuality):
            let quality = Int.random(in: min(minimumQuality, 95)...max(minimumQuality, 95), using: &generator)
            JPEGRoundTrip.apply(to: image, layout, quality: quality)
        }
    }
}

/// How one image's row of values is laid out: C planes of H rows of W pixels.
struct ImagePlanes {
    let channels: Int
    let height: Int
    let width: Int
    /// H * W: the values of one plane.
    var area: Int { height * width }
    /// C * H * W: the values of one image.
    var count: Int { channels * area }
}
