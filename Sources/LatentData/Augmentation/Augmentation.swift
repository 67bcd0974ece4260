/// A chain of random image edits (crop, flip, colour, blur, JPEG) that makes augmented views of images: seeded, so a
/// run repeats exactly, and written as a spec such as `crop:0.5,flip,jitter:0.4,grey:0.2,blur:1.5,jpeg:40`.
///
/// Steps run in the order the spec writes them; each image of a batch draws its own random numbers.
public struct Augmentation: Sendable, Equatable, CustomStringConvertible {
    /// One edit of the chain.
    public enum Step: Sendable, Equatable {
        /// Random resized crop: a box of a random share of the area in [`minimumScale`, 1] and an aspect ratio in
        /// [3/4, 4/3] (relative to the image's own), resized back to the image's size with bilinear sampling.
        case crop(minimumScale: Float)
        /// Horizontal flip with probability 0.5.
        case flip
        /// Brightness, contrast and saturation each multiplied by a random factor in [1 - strength, 1 + strength]
        /// (grey images: brightness and contrast).
        case jitter(strength: Float)
        /// Greyscale with this probability (colour images only).
        case greyscale(probability: Float)
        /// Separable Gaussian blur with a random standard deviation in [0.1, `maximumSigma`] pixels.
        case blur(maximumSigma: Float)
        /// JPEG compression and decompression at a random quality between `minimumQuality` and 95.
        case jpeg(minimumQuality: Int)
    }

    /// The edits, in the order they run.
    public let steps: [Step]

    /// A chain of `steps`, which run in this order.
    /// - Parameter steps: the edits; each kind at most once, as the spec allows.
    public init(steps: [Step]) {
        self.steps = steps
    }

    /// The chain self-supervised training starts from: SimCLR's crop, flip, colour jitter, greyscale and blur, sized
    /// for small images (crops down to 20 % of the area as MoCo v2 uses on CIFAR, blur up to 1 pixel).
    public static let simclr = Augmentation(steps: [
        .crop(minimumScale: 0.2), .flip, .jitter(strength: 0.4), .greyscale(probability: 0.2), .blur(maximumSigma: 1),
    ])

    /// The spec, canonical: `init(parsing:)` gives an equal chain back.
    public var description: String { steps.map(\.description).joined(separator: ",") }
}

extension Augmentation.Step: CustomStringConvertible {
    /// The step as a spec writes it: `crop:0.5`, `flip`.
    public var description: String {
        switch self {
        case .crop(let scale): return "\(name):\(Self.written(scale))"
        case .flip: return name
        case .jitter(let strength): return "\(name):\(Self.written(strength))"
        case .greyscale(let probability): return "\(name):\(Self.written(probability))"
        case .blur(let sigma): return "\(name):\(Self.written(sigma))"
        case .jpeg(let quality): return "\(name):\(quality)"
        }
    }

    /// The step's name in a spec.
    var name: String {
        switch self {
        case .crop: return "crop"
        case .flip: return "flip"
        case .jitter: return "jitter"
        case .greyscale: return "grey"
        case .blur: return "blur"
        case .jpeg: return "jpeg"
        }
    }

    /// "1" rather than "1.0", "0.25" as it is: the shortest text that reads back as the same value.
    private static func written(_ value: Float) -> String {
        value == value.rounded() && abs(value) < 1e6 ? String(Int(value)) : String(value)
    }
}
