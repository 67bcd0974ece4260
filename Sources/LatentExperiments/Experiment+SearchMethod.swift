import LatentSearch

extension Experiment {
    /// One way of searching photos, as an experiment file lists it under `methods`: a word (`pixels`, `histogram`,
    /// `colour_edges`, `phash`) or a one-key mapping (`pca: 64`, `histogram: 8`, `colour_edges: 8`,
    /// `mirror_invariant: pixels`; `model: FILE` with
    /// `layer: NAME` beside it).
    public indirect enum SearchMethod: Decodable, Sendable, Equatable {
        /// The imported pixels themselves.
        case pixels
        /// PCA fitted on the originals, with this many components.
        case pca(components: Int)
        /// Joint colour histograms with this many bins per channel.
        case histogram(bins: Int)
        /// Colour histograms with this many bins per channel beside edge-direction histograms.
        case colourAndEdges(bins: Int)
        /// Perceptual hashes.
        case perceptualHash
        /// A checkpoint's activations at `layer`, or an autoencoder's codes without one. A relative path starts at
        /// the experiment file's folder.
        case model(path: String, layer: String?)
        /// Another method's codes of a photo and of its mirror, averaged, so that a mirrored copy gets the same code.
        case mirrorInvariant(SearchMethod)

        /// The methods written as a single word.
        static let words = ["pixels", "histogram", "colour_edges", "phash"]
        /// The keys a method written as a mapping may hold.
        static let keys = ["pca", "histogram", "colour_edges", "model", "layer", "mirror_invariant"]

        private enum Key: String, CodingKey {
            case pca, histogram, model, layer
            case colourEdges = "colour_edges"
            case mirrorInvariant = "mirror_invariant"
        }

        public init(from decoder: Decoder) throws {
            if let word = try? decoder.singleValueContainer().decode(String.self) {
                switch word {
                case "pixels": self = .pixels
                case "histogram": self = .histogram(bins: ColourHistogram.defaultBins)
                case "colour_edges": self = .colourAndEdges(bins: ColourHistogram.defaultBins)
                case "phash": self = .perceptualHash
                default:
                    throw DecodingError.dataCorrupted(
                        .init(
                            codingPath: decoder.codingPath,
                            debugDescription: "\"\(word)\" is not one of \(Self.words.joined(separator: ", "))"))
                }
                return
            }
            let container = try decoder.container(keyedBy: Key.self)
            if let components = try container.decodeIfPresent(Int.self, forKey: .pca) {
                self = .pca(components: components)
            } else if let bins = try container.decodeIfPresent(Int.self, forKey: .histogram) {
                self = .histogram(bins: bins)
            } else if let bins = try container.decodeIfPresent(Int.self, forKey: .colourEdges) {
                self = .colourAndEdges(bins: bins)
            } else if let plain = try container.decodeIfPresent(SearchMethod.self, forKey: .mirrorInvariant) {
                self = .mirrorInvariant(plain)
            } else {
                self = .model(
                    path: try container.decode(String.self, forKey: .model),
                    layer: try container.decodeIfPresent(String.self, forKey: .layer))
            }
        }

        /// How tables and pictures name it: `pixels`, `PCA-64`, `histogram-8`, `colour-edges-8`, `model.h5 at features`,
        /// `mirror-invariant PCA-64`.
        public var name: String {
            switch self {
            case .pixels: return "pixels"
            case .pca(let components): return "PCA-\(components)"
            case .histogram(let bins): return "histogram-\(bins)"
            case .colourAndEdges(let bins): return "colour-edges-\(bins)"
            case .perceptualHash: return "phash"
            case .model(let path, let layer):
                let file = path.split(separator: "/").suffix(2).joined(separator: "/")
                return layer.map { "\(file) at \($0)" } ?? "\(file) codes"
            case .mirrorInvariant(let plain): return "mirror-invariant \(plain.name)"
            }
        }

        /// Its name in `results.json`: letters, digits and underscores.
        public var key: String {
            String(name.lowercased().map { $0.isLetter || $0.isNumber ? $0 : "_" })
        }

        /// The same method with its model file's path passed through `resolve`.
        func resolvingPaths(_ resolve: (String) -> String) -> SearchMethod {
            switch self {
            case .model(let path, let layer): return .model(path: resolve(path), layer: layer)
            case .mirrorInvariant(let plain): return .mirrorInvariant(plain.resolvingPaths(resolve))
            case .pixels, .pca, .histogram, .colourAndEdges, .perceptualHash: return self
            }
        }

        /// The options of `latent index build` that build its index.
        public var indexOptions: String {
            switch self {
            case .pixels: return ""
            case .pca(let components): return "--pca \(components)"
            case .histogram(let bins): return "--histogram --bins \(bins)"
            case .colourAndEdges(let bins): return "--colour-edges --bins \(bins)"
            case .perceptualHash: return "--phash"
            case .model(let path, let layer): return "--model \(path)" + (layer.map { " --layer \($0)" } ?? "")
            case .mirrorInvariant(let plain):
                return plain.indexOptions.isEmpty ? "--mirror-invariant" : plain.indexOptions + " --mirror-invariant"
            }
        }
    }
}
