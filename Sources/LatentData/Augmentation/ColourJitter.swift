import LatentCore

/// Colour jitter and greyscale, on planar grey or RGB images with values in [0, 1].
enum ColourJitter {
    /// Multiplies brightness, then contrast, then saturation (RGB only) by factors drawn in
    /// [1 - strength, 1 + strength], as torchvision's ColorJitter does, without its hue.
    ///
    /// Each blend is written `x * f + reference * (1 - f)`, so a factor of exactly 1 (strength 0) changes nothing.
    static func apply(
        to image: UnsafeMutableBufferPointer<Float>, _ layout: ImagePlanes, strength: Float,
        using generator: inout SeededGenerator
    ) {
        let (brightness, contrast, saturation) = (
            factor(strength, using: &generator), factor(strength, using: &generator),
            factor(strength, using: &generator)
        )
        // Brightness blends with black.
        for i in image.indices { image[i] = min(image[i] * brightness, 1) }
        // Contrast blends with the mean grey level of the image.
        var sum: Float = 0
        for i in 0..<layout.area { sum += grey(image, layout, at: i) }
        let mean = sum / Float(layout.area)
        for i in image.indices { image[i] = clamped(image[i] * contrast + mean * (1 - contrast)) }
        // Saturation blends each pixel with its own grey level.
        guard layout.channels == 3 else { return }
        for i in 0..<layout.area {
            let level = grey(image, layout, at: i) * (1 - saturation)
            for plane in stride(from: i, to: layout.count, by: layout.area) {
                image[plane] = clamped(image[plane] * saturation + level)
            }
        }
    }

    /// Sets every channel of a colour image to its grey level; a grey image stays as it is.
    static func makeGrey(_ image: UnsafeMutableBufferPointer<Float>, _ layout: ImagePlanes) {
        guard layout.channels == 3 else { return }
        for i in 0..<layout.area {
            let level = min(grey(image, layout, at: i), 1)
            for plane in stride(from: i, to: layout.count, by: layout.area) { image[plane] = level }
        }
    }

    /// The grey level of pixel `i` (ITU-R BT.601 weights, as torchvision and PIL use).
    @inline(__always)
    private static func grey(_ image: UnsafeMutableBufferPointer<Float>, _ layout: ImagePlanes, at i: Int) -> Float {
        guard layout.channels == 3 else { return image[i] }
        return 0.299 * image[i] + 0.587 * image[i + layout.area] + 0.114 * image[i + 2 * layout.area]
    }

    private static func factor(_ strength: Float, using generator: inout SeededGenerator) -> Float {
        strength == 0 ? 1 : Float.random(in: max(0, 1 - strength)...(1 + strength), using: &generator)
    }

    @inline(__always)
    private static func clamped(_ value: Float) -> Float { min(max(value, 0), 1) }
}
