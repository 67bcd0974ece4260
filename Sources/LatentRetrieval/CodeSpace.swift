import LatentCore

/// How an index turns an image's pixels into the code it searches, with everything needed to do it again
/// for a query: the PCA basis or the model's architecture and weights travel inside the index.
public enum CodeSpace {
    /// The pixels themselves.
    case pixels
    /// PCA codes: (x - mean) projected on the rows of `components` (K, D).
    case pca(mean: Tensor, components: Tensor)
    /// An autoencoder's codes (a variational model's means).
    case autoencoder(StoredModel)
    /// A trained model's activations at `layer` ("deep features").
    case features(StoredModel, layer: String)
    /// Joint colour histograms with `bins` bins per channel, L1-normalised and square-rooted.
    case histogram(bins: Int)
    /// A colour histogram with `bins` bins per channel and an edge-direction histogram, side by side, each scaled
    /// to length 1/sqrt(2).
    case colourAndEdges(bins: Int)
    /// Perceptual hashes: 63 bits of the 2-D DCT of a 32x32 grey thumbnail, as +1 and -1.
    case perceptualHash
    /// The mean of `space`'s codes of an image and of its left-right mirror, so that a mirrored copy gets the
    /// same code.
    indirect case mirrorInvariant(CodeSpace)

    /// A model as data: its architecture (the JSON of a `LayerSpec`) and its tensors by dotted path.
    public struct StoredModel {
        public let architecture: String
        public let tensors: [String: Tensor]
        public init(architecture: String, tensors: [String: Tensor]) {
            self.architecture = architecture
            self.tensors = tensors
        }
    }

    /// A short name for messages, tables and the health endpoint: `pixels`, `pca-50`, `autoencoder`, `features:hidden`,
    /// `histogram-8`, `colour-edges-8`, `phash`, `mirror-invariant pca-50`.
    public var name: String {
        switch self {
        case .pixels: return "pixels"
        case .pca(_, let components): return "pca-\(components.shape.first ?? 0)"
        case .autoencoder: return "autoencoder"
        case .features(_, let layer): return "features:\(layer)"
        case .histogram(let bins): return "histogram-\(bins)"
        case .colourAndEdges(let bins): return "colour-edges-\(bins)"
        case .perceptualHash: return "phash"
        case .mirrorInvariant(let space): return "mirror-invariant \(space.name)"
        }
    }

    /// Whether a mirrored copy of an image gets the image's code.
    public var isMirrorInvariant: Bool {
        if case .mirrorInvariant = self { return true }
        return false
    }
}
