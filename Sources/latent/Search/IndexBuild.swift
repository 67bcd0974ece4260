import ArgumentParser
import Foundation
import LatentCore
import LatentData
import LatentModels
import LatentRetrieval
import LatentSearch
import LatentStorage

/// `latent index build`: codes of every image (pixels, PCA, autoencoder codes, deep features, colour histograms with or
/// without edge histograms, or perceptual hashes, optionally mirror-invariant), with the preprocessing, file paths,
/// labels and thumbnails, in one HDF5 file.
struct IndexBuild: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build", abstract: "Index a dataset's images for search by image.",
        discussion: "The index keeps everything a query needs to be processed as the database was: the import's "
            + "preprocessing, and the PCA basis or the model's weights. Without --model, --pca, --histogram, "
            + "--colour-edges or --phash it searches pixels.")

    @Option(help: "An imported dataset (from `latent data import`), all of its images; the same as --dataset FILE.")
    var data: String?

    @OptionGroup var builtIn: DatasetOptions

    @Option(parsing: .unconditional, help: "With a built-in dataset: index only its first N train images.")
    var limit: Int?

    @Option(help: "Search the codes of this autoencoder checkpoint, or with --layer the deep features of this model.")
    var model: String?

    @Option(help: "With --model: the layer whose activations are the codes (e.g. hidden).")
    var layer: String?

    @Option(parsing: .unconditional, help: "Search PCA codes with this many components.")
    var pca: Int?

    @OptionGroup var pcaFit: PCAFitOptions

    @Flag(help: "Search joint colour histograms (square-rooted, so that cosine and l2 rank by Hellinger distance).")
    var histogram = false

    @Flag(help: "Search colour histograms beside edge-direction histograms, unchanged by a mirror (for copies).")
    var colourEdges = false

    @Option(
        parsing: .unconditional,
        help: "With --histogram or --colour-edges: bins per channel, 2-16 (bins^3 values for RGB).")
    var bins: Int?

    @Flag(help: "Search perceptual hashes (pHash: 63 bits of a 32x32 grey thumbnail's DCT; l2 ranks by Hamming).")
    var phash = false

    @Flag(help: "Make each code the mean of the image's and its left-right mirror's, so a mirrored copy matches.")
    var mirrorInvariant = false

    @Option(help: "Distance: cosine or l2.")
    var metric: DistanceMetric = .cosine

    @Option(parsing: .unconditional, help: "Longest side of the stored thumbnails, in pixels.")
    var thumbnail = 64

    @Option(help: "Where to write the index.")
    var out: String

    @Flag(help: OutputRule.forceHelp)
    var force = false

    @OptionGroup var graph: GraphBuildOptions

    func validate() throws {
        if let data {
            try OptionChecks.requireReadableFile(data, "--data")
            if case .imported = builtIn.dataset {
                throw ValidationError("give the imported file once: --data or --dataset")
            }
        }
        if let limit { try OptionChecks.require(limit, in: 1...OptionChecks.largestCount, "--limit") }
        if let model { try OptionChecks.requireReadableFile(model, "--model") }
        if let pca { try OptionChecks.require(pca, in: 1...OptionChecks.largestSize, "--pca") }
        try pcaFit.validate(components: pca, "--pca")
        if pca == nil, pcaFit.solver != .auto || pcaFit.fitSample != nil {
            throw ValidationError("\(pcaFit.fitSample != nil ? "--fit-sample" : "--solver") needs --pca")
        }
        let spaces = [
            ("--pca", pca != nil), ("--model", model != nil), ("--histogram", histogram),
            ("--colour-edges", colourEdges), ("--phash", phash),
        ]
        let chosen = spaces.filter(\.1).map(\.0)
        if chosen.count > 1 {
            throw ValidationError(
                "give one of --pca, --model, --histogram, --colour-edges and --phash, not "
                    + chosen.joined(separator: " and "))
        }
        if layer != nil && model == nil { throw ValidationError("--layer needs --model") }
        if let bins {
            guard histogram || colourEdges else { throw ValidationError("--bins needs --histogram or --colour-edges") }
            try OptionChecks.require(bins, in: ColourHistogram.binRange, "--bins")
        }
        try OptionChecks.require(thumbnail, in: 1...ImageIndex.largestThumbnailSide, "--thumbnail")
        try OptionChecks.requireWritableFile(out, "--out")
        try OutputRule(inputs: [("--data", data), ("--model", model)] + builtIn.inputFiles, force: force)
            .check(out, "--out", writes: .index)
    }

    func run() throws {
        let source = try loadSource()
        let codes: ImageIndexBuilder.Codes
        if let pca {
            try pcaFit.check(images: source.paths.count, features: source.channels * source.height * source.width)
            codes = .pca(components: pca, fitting: pcaFit.fitting)
        } else if let model {
            // Any kind of model has deep features at a layer; codes need an autoencoder. Refused by name when it was
            // trained on images of another shape.
            _ = try TrainedModel.load(
                model, "--model", as: layer == nil ? [.autoencoder] : [], for: "index build",
                channels: source.channels, height: source.height, width: source.width)
            let checkpoint = try Checkpoint.load(from: model)
            codes = layer.map { .features(checkpoint, layer: $0) } ?? .autoencoder(checkpoint)
        } else if histogram {
            codes = .histogram(bins: bins ?? ColourHistogram.defaultBins)
        } else if colourEdges {
            codes = .colourAndEdges(bins: bins ?? ColourHistogram.defaultBins)
        } else if phash {
            codes = .perceptualHash
        } else {
            codes = .pixels
        }
        var index: ImageIndex
        try createParentFolder(of: out)
        do {
            // The thumbnails wait beside the index they go into: the disk that will hold them has room for them.
            index = try ImageIndexBuilder.build(
                source, codes: mirrorInvariant ? .mirrorInvariant(codes) : codes, metric: metric,
                thumbnailSide: thumbnail, scratchFolder: URL(fileURLWithPath: out).deletingLastPathComponent().path)
        } catch let error as SearchError where model != nil {
            throw LatentError("--model \(model ?? ""): \(error)")
        }
        index = try graph.adding(to: index)
        try index.save(to: out)
        print(
            "wrote \(out): \(index.count) images, \(index.codeSpace.name) codes of \(index.dimension) values, "
                + "\(index.metric.rawValue) distance, thumbnails \(index.thumbnails.width)x\(index.thumbnails.height)")
        if thumbnail > max(source.height, source.width) {
            // Thumbnails are made from the imported pixels, which hold no more detail than their size.
            Console.write(
                "note: --thumbnail \(thumbnail) is larger than the images, \(source.width)x\(source.height) as "
                    + "imported, so the thumbnails keep that size; import at a larger --size for larger ones\n",
                to: .error)
        }
    }

    /// Every image of an imported file (no split held out: the index is for searching, not testing), or the train
    /// split of a built-in dataset.
    private func loadSource() throws -> IndexSource {
        if let data { return try ImportedImages.source(from: data) }
        guard case .builtIn(let known) = builtIn.dataset else {
            return try ImportedImages.source(from: builtIn.location)
        }
        var train = try builtIn.load(.train)
        if let limit, limit < train.count { train = train.selecting(Array(0..<limit)) }
        return IndexSource(
            images: train.images, channels: train.channels, height: train.height, width: train.width,
            paths: (0..<train.count).map { "\(known.rawValue)/train/\($0)" }, labels: train.labels,
            classNames: train.classNames,
            preprocessing: ImportedImages.preprocessing(side: train.height, grey: train.channels == 1))
    }
}
