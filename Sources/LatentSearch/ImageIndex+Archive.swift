import Foundation
import LatentCore
import LatentModels
import LatentRetrieval
import LatentStorage

/// An image index in one HDF5 file that h5py can read.
///
/// Layout: `/codes` (N, D) float32; `/labels` (N) float32 (-1: none); `/paths` and `/class_names` as UTF-8
/// names separated by NUL bytes (uint8); `/preprocessing` the importer's settings as JSON (uint8);
/// `/thumbnails` (N, H, W, C) uint8, deflated in chunks of about 4 KB and read a few rows at a time when needed;
/// for PCA `/pca/mean` and `/pca/components`; for a model its tensors at `/model/` + dotted path with dots as
/// slashes, their names in `/model_names`. Root attributes:
/// `format`, `format_version`, `metric`, `code_space`, `layer`, `architecture` (JSON), `bins` (histogram, colour-edges),
/// `mirror_invariant` (`true` when each code is the mean of the image's and its mirror's), `channels`, `height`,
/// `width`. With an HNSW graph: `/hnsw/graph` in hnswlib's file format (uint8), and attributes `ann` (`hnsw`),
/// `ann_recall`, `ann_recall_k`, `ann_recall_ef` and `ann_recall_queries`; a reader that ignores them searches
/// exactly.
extension ImageIndex {
    public static let formatName = "latent-image-index"
    /// Version 2 added `mirror_invariant`; a file without it is version 1 and reads as it always did.
    public static let formatVersion = 2
    /// Thumbnails are small pictures; a side past this is a damaged file, not a choice.
    public static let largestThumbnailSide = 256

    /// Writes the index through `AtomicFile`, so that a failed save leaves any previous file at `path` as it was.
    ///
    /// libhdf5 writes the temporary file itself rather than a copy in memory: thumbnails on disk (a build's scratch
    /// file, or the index file this one was loaded from) are copied chunk for chunk, never all held at once.
    public func save(to path: String) throws {
        try HDF5File.write(to: path) { try write(to: $0) }
    }

    private func write(to file: HDF5File) throws {
        try file.setAttribute("format", ImageIndex.formatName)
        // A version-1 reader would ignore `mirror_invariant` and code queries without their mirrors, finding wrong
        // matches without a word; version 2 makes it refuse the file instead. Other indexes stay readable by it.
        try file.setAttribute("format_version", codeSpace.isMirrorInvariant ? String(ImageIndex.formatVersion) : "1")
        try file.setAttribute("metric", metric.rawValue)
        try file.setAttribute("channels", String(channels))
        try file.setAttribute("height", String(height))
        try file.setAttribute("width", String(width))
        try file.write(codes, at: "/codes")
        try file.write(Tensor(shape: [count], scalars: labels.map(Float.init)), at: "/labels")
        let joinedPaths = ImageIndex.joined(paths)
        try file.write(bytes: joinedPaths, shape: [joinedPaths.count], at: "/paths")
        let joinedClasses = ImageIndex.joined(classNames)
        try file.write(bytes: joinedClasses, shape: [joinedClasses.count], at: "/class_names")
        try file.write(bytes: Array(preprocessing.utf8), shape: [preprocessing.utf8.count], at: "/preprocessing")
        try write(thumbnails, to: file)
        try write(codeSpace, to: file)
        if let graph { try write(graph, recall: graphRecall, to: file) }
    }

    private func write(_ thumbnails: ThumbnailSet, to file: HDF5File) throws {
        if case .store(let store) = thumbnails.bytes, let disk = store as? DiskThumbnails {
            try disk.rows.copy(into: file, at: "/thumbnails")
        } else {
            try file.write(
                bytes: thumbnails.thumbnails(0..<thumbnails.count),
                shape: [thumbnails.count, thumbnails.height, thumbnails.width, thumbnails.channels],
                at: "/thumbnails", compressed: true)
        }
    }

    private func write(_ space: CodeSpace, to file: HDF5File) throws {
        switch space {
        case .pixels:
            try file.setAttribute("code_space", "pixels")
        case .pca(let mean, let components):
            try file.setAttribute("code_space", "pca")
            try file.write(mean, at: "/pca/mean")
            try file.write(components, at: "/pca/components")
        case .autoencoder(let model):
            try file.setAttribute("code_space", "autoencoder")
            try write(model, to: file)
        case .features(let model, let layer):
            try file.setAttribute("code_space", "features")
            try file.setAttribute("layer", layer)
            try write(model, to: file)
        case .histogram(let bins):
            try file.setAttribute("code_space", "histogram")
            try file.setAttribute("bins", String(bins))
        case .colourAndEdges(let bins):
            try file.setAttribute("code_space", "colour-edges")
            try file.setAttribute("bins", String(bins))
        case .perceptualHash:
            try file.setAttribute("code_space", "phash")
        case .mirrorInvariant(let plain):
            try file.setAttribute("mirror_invariant", "true")
            try write(plain, to: file)
        }
    }

    private func write(_ model: CodeSpace.StoredModel, to file: HDF5File) throws {
        try file.setAttribute("architecture", model.architecture)
        let names = model.tensors.keys.sorted()
        let joinedNames = ImageIndex.joined(names)
        try file.write(bytes: joinedNames, shape: [joinedNames.count], at: "/model_names")
        for name in names { try file.write(model.tensors[name]!, at: Checkpoint.objectPath(of: name)) }
    }

    /// Reads an index written by `save(to:)`, checking that its parts agree before anything is searched.
    public static func load(from path: String) throws -> ImageIndex {
        let file = try HDF5File.open(path)
        guard try file.stringAttribute("format") == formatName else {
            throw LatentError(
                "\(path): an HDF5 file, but not a Latent image index (no format attribute \"\(formatName)\")")
        }
        guard let version = try file.stringAttribute("format_version").flatMap(Int.init), version <= formatVersion
        else {
            throw LatentError("\(path): image index format version is newer than this Latent reads (\(formatVersion))")
        }
        let metricName = try file.stringAttribute("metric") ?? "missing"
        guard let metric = DistanceMetric(rawValue: metricName) else {
            throw LatentError("\(path): unknown metric \"\(metricName)\" (known: l2, cosine)")
        }
        func dimension(_ name: String) throws -> Int {
            guard let value = try file.stringAttribute(name).flatMap(Int.init), (1...65_536).contains(value) else {
                throw LatentError("\(path): attribute \(name) is missing or not an image size")
            }
            return value
        }
        let (channels, height, width) = (try dimension("channels"), try dimension("height"), try dimension("width"))
        let codes = try file.read("/codes")
        guard codes.rank == 2, codes.shape[0] > 0, codes.shape[1] > 0 else {
            throw LatentError("\(path): /codes has shape \(codes.shape); an index needs (N, D) with N, D > 0")
        }
        let count = codes.shape[0]
        let labels = try file.read("/labels")
        guard labels.shape == [count], labels.scalars.allSatisfy({ $0 == $0.rounded() && $0 >= -1 && $0 < 16_777_216 })
        else {
            throw LatentError(
                "\(path): /labels must hold \(count) whole numbers of at least -1, has shape \(labels.shape)")
        }
        let paths = try names(file, "/paths")
        guard paths.count == count else {
            throw LatentError("\(path): /paths names \(paths.count) files for \(count) codes")
        }
        let classNames = try names(file, "/class_names")
        let preprocessing = String(decoding: try file.readBytes("/preprocessing").bytes, as: UTF8.self)
        // Thumbnails stay on disk, read when a page or a picture needs them; their first and last are read now, so
        // that a truncated file is refused here rather than by the first page that shows its end.
        let side = largestThumbnailSide
        let stored = try HDF5ByteRows.open(path, dataset: "/thumbnails")
        let shape = [stored.count] + stored.itemShape
        guard shape.count == 4, shape[0] == count, shape[1] <= side, shape[2] <= side else {
            throw LatentError(
                "\(path): /thumbnails has shape \(shape); expected (\(count), H, W, C) with H, W <= \(side)")
        }
        let thumbnails = try ThumbnailSet(
            count: count, height: shape[1], width: shape[2], channels: shape[3], store: DiskThumbnails(stored))
        let codeSpace = try readCodeSpace(
            file, channels: channels, height: height, width: width, codeSize: codes.shape[1])
        let (graph, recall) = try readGraph(file, metric: metric, count: count, dimension: codes.shape[1])
        do {
            return try ImageIndex(
                codes: codes, metric: metric, codeSpace: codeSpace, preprocessing: preprocessing,
                channels: channels, height: height, width: width, paths: paths,
                labels: labels.scalars.map { Int($0) }, classNames: classNames, thumbnails: thumbnails,
                graph: graph, graphRecall: recall)
        } catch let error as LatentError {
            throw LatentError("\(path): \(error)")
        }
    }

    private static func readCodeSpace(
        _ file: HDF5File, channels: Int, height: Int, width: Int, codeSize: Int
    ) throws -> CodeSpace {
        let plain = try readPlainCodeSpace(file, channels: channels, height: height, width: width, codeSize: codeSize)
        switch try file.stringAttribute("mirror_invariant") {
        case nil, "false": return plain
        case "true": return .mirrorInvariant(plain)
        case let other?:
            throw LatentError("\(file.name): attribute mirror_invariant is \"\(other)\", not true or false")
        }
    }

    private static func readPlainCodeSpace(
        _ file: HDF5File, channels: Int, height: Int, width: Int, codeSize: Int
    ) throws -> CodeSpace {
        let path = file.name
        let inputSize = channels * height * width
        switch try file.stringAttribute("code_space") {
        case "pixels":
            guard codeSize == inputSize else {
                throw LatentError("\(path): pixel codes of \(codeSize) values for images of \(inputSize) pixels")
            }
            return .pixels
        case "pca":
            let (mean, components) = (try file.read("/pca/mean"), try file.read("/pca/components"))
            guard mean.shape == [inputSize], components.shape == [codeSize, inputSize] else {
                throw LatentError(
                    "\(path): PCA mean \(mean.shape) and components \(components.shape) do not map "
                        + "\(inputSize) pixels to \(codeSize) codes")
            }
            // A damaged basis would turn every query's code non-finite, and the search would blame the query.
            for (name, tensor) in [("/pca/mean", mean), ("/pca/components", components)] {
                if let bad = tensor.firstNonFiniteIndex {
                    throw LatentError("\(path): \(name) holds a non-finite value at index \(bad); the index is damaged")
                }
            }
            return .pca(mean: mean, components: components)
        case "autoencoder":
            return .autoencoder(try readModel(file))
        case "features":
            guard let layer = try file.stringAttribute("layer"), !layer.isEmpty else {
                throw LatentError("\(path): a features index without its layer attribute")
            }
            return .features(try readModel(file), layer: layer)
        case let space? where space == "histogram" || space == "colour-edges":
            let range = ColourHistogram.binRange
            let edges = space == "colour-edges" ? EdgeHistogram.length : 0
            guard let bins = try file.stringAttribute("bins").flatMap(Int.init), range.contains(bins),
                channels == 1 || channels == 3,
                codeSize == (0..<channels).reduce(1, { size, _ in size * bins }) + edges
            else {
                throw LatentError(
                    "\(path): a \(space) index needs a bins attribute of \(range.lowerBound)-\(range.upperBound) "
                        + "giving bins^channels\(edges > 0 ? " + \(edges)" : "") = \(codeSize) values for "
                        + "\(channels)-channel images")
            }
            return edges > 0 ? .colourAndEdges(bins: bins) : .histogram(bins: bins)
        case "phash":
            guard codeSize == PerceptualHash.bits, channels == 1 || channels == 3 else {
                throw LatentError(
                    "\(path): perceptual hashes of \(codeSize) values for \(channels)-channel images; they are "
                        + "\(PerceptualHash.bits) bits of grey or RGB images")
            }
            return .perceptualHash
        case let other:
            throw LatentError(
                "\(path): unknown code space \"\(other ?? "missing")\" "
                    + "(known: pixels, pca, autoencoder, features, histogram, colour-edges, phash)")
        }
    }

    private static func readModel(_ file: HDF5File) throws -> CodeSpace.StoredModel {
        guard let architecture = try file.stringAttribute("architecture") else {
            throw LatentError("\(file.name): a model index without its architecture attribute")
        }
        var tensors: [String: Tensor] = [:]
        for name in try names(file, "/model_names") {
            tensors[name] = try file.read(Checkpoint.objectPath(of: name))
        }
        return CodeSpace.StoredModel(architecture: architecture, tensors: tensors)
    }

    /// Names as UTF-8 bytes, each followed by a NUL (which no file path holds).
    private static func joined(_ names: [String]) -> [UInt8] {
        names.flatMap { Array($0.utf8) + [0] }
    }

    private static func names(_ file: HDF5File, _ objectPath: String) throws -> [String] {
        let bytes = try file.readBytes(objectPath).bytes
        guard bytes.isEmpty || bytes.last == 0 else {
            throw LatentError("\(file.name): \(objectPath) does not end its last name with a NUL byte")
        }
        return bytes.split(separator: 0, omittingEmptySubsequences: false).dropLast().map {
            String(decoding: $0, as: UTF8.self)
        }
    }
}
