import Foundation
import LatentCore
import LatentImages
import LatentModels
import LatentPictures
import LatentSearch

/// "Which photo is this a copy of?": a folder of photographs indexed by each method the experiment file lists,
/// searched with edited copies (cropped, resized, re-encoded, brighter or darker, some mirrored) exactly as
/// `latent search` searches, counting how often the original comes first and how often among the first five.
enum NearDuplicateStudy {
    /// What the experiment file asks for, with the defaults in one place and every path resolved.
    struct Settings {
        let originals: String
        let copies: String
        let preprocessing: Preprocessing
        let methods: [Method]
        /// Matches drawn beside each pictured copy.
        let neighbours: Int
        /// Copies pictured: those the most methods do not find first.
        let hardCases: Int

        /// Resolves the folders and model files against `folder` (the experiment file's) and loads each model, so
        /// that a missing or unusable file is refused, by its key, before anything runs.
        init(_ experiment: Experiment, folder: String) throws {
            let resolve = { (path: String) in Self.joined(folder, path) }
            guard let photos = experiment.photos else { throw LatentError("photos: missing") }
            originals = resolve(photos.originals)
            copies = resolve(photos.copies)
            preprocessing = Preprocessing(
                size: photos.size, colour: Preprocessing.Colour(rawValue: photos.colour) ?? .rgb)
            methods = try (experiment.methods ?? []).enumerated().map { position, method in
                try Method(method, resolve: resolve, key: "methods[\(position)]")
            }
            neighbours = min(experiment.evaluation?.neighbours ?? 5, NearDuplicateResult.ranked)
            hardCases = experiment.evaluation?.hardCases ?? 4
        }

        /// `path` from `folder`: `experiments/../data/x` as `data/x`, its `.` and `..` resolved by name (as Python's
        /// `os.path.normpath`), an absolute path as it is.
        static func joined(_ folder: String, _ path: String) -> String {
            guard !path.hasPrefix("/") else { return path }
            var parts: [Substring] = []
            for part in (folder + "/" + path).split(separator: "/") where part != "." {
                if part == "..", let last = parts.last, last != ".." {
                    parts.removeLast()
                } else {
                    parts.append(part)
                }
            }
            let joined = (folder.hasPrefix("/") ? "/" : "") + parts.joined(separator: "/")
            return joined.isEmpty ? "." : joined
        }
    }

    /// A way of searching, as the library's index builder takes it, and its result once measured.
    struct Method {
        let written: Experiment.SearchMethod
        /// The method with its model file's path from the current folder, for the commands in the notebook.
        let resolved: Experiment.SearchMethod
        let codes: ImageIndexBuilder.Codes

        init(_ method: Experiment.SearchMethod, resolve: (String) -> String, key: String) throws {
            written = method
            resolved = method.resolvingPaths(resolve)
            codes = try Self.codes(method, resolve: resolve, key: key)
        }

        private static func codes(
            _ method: Experiment.SearchMethod, resolve: (String) -> String, key: String
        ) throws -> ImageIndexBuilder.Codes {
            switch method {
            case .pixels: return .pixels
            case .pca(let components): return .pca(components: components)
            case .histogram(let bins): return .histogram(bins: bins)
            case .colourAndEdges(let bins): return .colourAndEdges(bins: bins)
            case .perceptualHash: return .perceptualHash
            case .mirrorInvariant(let plain):
                return .mirrorInvariant(try codes(plain, resolve: resolve, key: "\(key).mirror_invariant"))
            case .model(let path, let layer):
                let checkpoint: Checkpoint
                do {
                    checkpoint = try Checkpoint.load(from: resolve(path))
                } catch {
                    throw LatentError("\(key).model: \(error)")
                }
                return layer.map { .features(checkpoint, layer: $0) } ?? .autoencoder(checkpoint)
            }
        }
    }

    static func run(
        _ settings: Settings, photos: NearDuplicatePhotos, output: String, log: (String) -> Void
    ) throws -> ExperimentReport {
        var results: [NearDuplicateResult] = []
        for (position, method) in settings.methods.enumerated() {
            log(
                "\(method.written.name): indexing \(photos.database.paths.count) originals, searching "
                    + "\(photos.copies.count) copies")
            do {
                results.append(try NearDuplicateResult(method.codes, photos: photos))
            } catch {
                throw LatentError("methods[\(position)] (\(method.written.name)): \(error)")
            }
        }
        var report = NearDuplicateReport(settings: settings, photos: photos, results: results).report()
        let pictures = try drawHardCases(settings, photos: photos, results: results, output: output)
        report.sections.insert(
            .init(
                title: "Hard cases",
                body: "The copies the most methods did not find first, plain and mirrored in turn. Each picture shows "
                    + "the copy beside its original, then for each method the copy beside its "
                    + "\(settings.neighbours) nearest originals with their cosine distance; ORIGINAL marks the true one."
                    + (pictures.isEmpty ? " Every method put every copy's original first: there is none." : ""),
                pictures: pictures), at: 2)
        return report
    }

    /// The copies the most methods do not put their original first for (then the lower their ranks, the harder),
    /// alternately plain and mirrored; none that every method gets right.
    static func hardCases(_ count: Int, photos: NearDuplicatePhotos, results: [NearDuplicateResult]) -> [Int] {
        let missed = photos.copies.indices.map { copy in results.count { $0.ranks[copy] != 1 } }
        let rankSum = photos.copies.indices.map { copy in
            results.reduce(0) { $0 + ($1.ranks[copy] ?? NearDuplicateResult.ranked + 1) }
        }
        let worst = { (mirrored: Bool) in
            photos.copies.indices.filter { photos.copies[$0].mirrored == mirrored && missed[$0] > 0 }
                .sorted { (missed[$0], rankSum[$0], -$0) > (missed[$1], rankSum[$1], -$1) }
        }
        let (plain, mirrored) = (worst(false), worst(true))
        var picked: [Int] = []
        for position in 0..<max(plain.count, mirrored.count) where picked.count < count {
            if position < plain.count { picked.append(plain[position]) }
            if position < mirrored.count, picked.count < count { picked.append(mirrored[position]) }
        }
        return picked
    }

    private static func drawHardCases(
        _ settings: Settings, photos: NearDuplicatePhotos, results: [NearDuplicateResult],
        output: String
    ) throws -> [(file: String, caption: String)] {
        guard let first = results.first else { return [] }
        let database = photos.database
        let size = database.channels * database.height * database.width
        let pixels = try database.pixels.all().scalars
        let original = { (row: Int) in Array(pixels[(row * size)..<((row + 1) * size)]) }
        let preparer = try ImportedImages.preparer(for: first.index)
        var pictures: [(file: String, caption: String)] = []
        for (number, copyIndex) in hardCases(settings.hardCases, photos: photos, results: results).enumerated() {
            let copy = photos.copies[copyIndex]
            let copyTile = ImageGrid.Tile(
                pixels: try preparer.prepare(copy.bytes, name: copy.path),
                caption: ["COPY", copy.mirrored ? "MIRRORED" : "PLAIN"])
            var grid = ImageGrid(imageWidth: database.width, imageHeight: database.height, channels: database.channels)
            grid.rows = [("TRUTH", [copyTile, .init(pixels: original(copy.original), caption: ["ORIGINAL", ""])])]
            grid.rows += zip(settings.methods, results).map { method, result in
                let matches = result.matches[copyIndex].prefix(settings.neighbours)
                return (
                    // "mirror-invariant PCA-64" as "MIRROR PCA-64", "ae/model.h5 codes" as "AE CODES", to fit.
                    String(
                        method.written.name.replacingOccurrences(of: "mirror-invariant", with: "mirror")
                            .replacingOccurrences(of: "/model.h5", with: "").prefix(16)
                    ).uppercased(),
                    [copyTile]
                        + matches.map { match in
                            ImageGrid.Tile(
                                pixels: original(match.row),
                                caption: [
                                    match.row == copy.original ? "ORIGINAL" : "#\(match.rank)",
                                    String(format: "D %.3g", match.distance),
                                ])
                        }
                )
            }
            let file = "hard-case-\(number + 1).png"
            try grid.render().savePNG(to: (output as NSString).appendingPathComponent(file))
            let name = NearDuplicatePhotos.stem(copy.path)
            let missed = results.count { $0.ranks[copyIndex] != 1 }
            pictures.append((file, "Copy \(name): \(missed) of \(results.count) methods do not put its original first"))
        }
        return pictures
    }
}
