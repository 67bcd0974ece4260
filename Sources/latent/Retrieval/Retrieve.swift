import ArgumentParser
import Foundation
import LatentCore
import LatentData
import LatentDistributed
import LatentLinalg
import LatentModels
import LatentPictures
import LatentRetrieval
import LatentStorage

/// `latent retrieve`: the nearest train images of a test image, as a table and a picture.
struct Retrieve: ParsableCommand, DistributedCommand {
    static let configuration = CommandConfiguration(
        abstract: "Find the nearest train images of a test image in pixel, PCA or feature space.",
        discussion:
            "Features files hold /train and /test datasets, as `latent encode` and `latent features` write them; "
            + "--model computes them from a checkpoint instead.")

    @OptionGroup var data: DatasetOptions

    @Option(parsing: .unconditional, help: "The test image to query (its row number).")
    var query = 0

    @Option(parsing: .unconditional, help: "Neighbours to return.")
    var k = 5

    @Option(help: "Distance: l2 or cosine.")
    var metric: DistanceMetric = .squaredL2

    @Option(parsing: .unconditional, help: "Search PCA codes with this many components instead of pixels.")
    var pca: Int?

    @Option(help: "Search the features in this HDF5 file (/train, /test) instead of pixels.")
    var features: String?

    @Option(help: "Search the codes of this autoencoder checkpoint, or with --layer the deep features of this model.")
    var model: String?

    @Option(help: "With --model: the layer whose activations are the features (e.g. hidden).")
    var layer: String?

    @Option(help: "Write the query and its neighbours as a PNG picture here.")
    var picture: String?

    @Option(help: "Write the table as CSV or JSON (by extension) here.")
    var table: String?

    @Flag(help: OutputRule.forceHelp)
    var force = false

    @OptionGroup var mpi: MPIOptions

    func validate() throws {
        try OptionChecks.require(k, in: 1...OptionChecks.largestSize, "--k")
        try OptionChecks.require(query, in: 0...OptionChecks.largestCount, "--query")
        if let pca { try OptionChecks.require(pca, in: 1...OptionChecks.largestSize, "--pca") }
        if [pca != nil, features != nil, model != nil].filter({ $0 }).count > 1 {
            throw ValidationError("give one of --pca, --features and --model")
        }
        if let features { try OptionChecks.requireReadableFile(features, "--features") }
        if let model { try OptionChecks.requireReadableFile(model, "--model") }
        if let picture { try OptionChecks.requireWritableFile(picture, "--picture") }
        if let table { try OptionChecks.requireWritableFile(table, "--table") }
        if layer != nil && model == nil { throw ValidationError("--layer needs --model") }
        let rule = OutputRule(inputs: [("--features", features), ("--model", model)] + data.inputFiles, force: force)
        if let picture { try rule.check(picture, "--picture", writes: .picture) }
        if let table { try rule.check(table, "--table", writes: .other, named: "a table") }
    }

    func run() throws {
        let (train, test) = try data.loadSplits()
        guard (0..<test.count).contains(query) else {
            throw ValidationError("--query \(query) is not a test image (0..<\(test.count))")
        }
        try OptionChecks.require(k, atMost: train.count, "--k", "the \(train.count) train images")
        if let pca { try data.requireCodeSize(pca, "--pca", train: train) }
        let (database, queries, space) = try featureSpace(train: train, test: test)
        // Under mpirun each process searches its slice of the database, and rank 0 merges and reports.
        let search = try ShardedSearch(database, metric: metric, job: mpi.job) {
            var facts = JobFacts.commandLine(train: train, test: test)
            if let features { try facts.append(contentsOf: features, as: "the --features file") }
            if let model { try facts.append(contentsOf: model, as: "the --model file") }
            return facts
        }
        guard let neighbours = try search.search(queries.rows(query..<(query + 1)), k: k) else { return }
        let result = NeighbourTable(neighbours, queryLabels: [query])
        print(
            "query: test image \(query) (\(test.classNames[test.labels[query]])); \(k) nearest train images by \(space), \(metric.rawValue)"
        )
        print(result)
        if let path = table {
            try createParentFolder(of: path)
            try AtomicFile.write(path.hasSuffix(".json") ? result.json : result.csv, to: path)
        }
        if let path = picture {
            var grid = ImageGrid(imageWidth: test.width, imageHeight: test.height, channels: test.channels)
            let queryTile = ImageGrid.Tile(
                pixels: test.images.rows(query..<(query + 1)).scalars,
                caption: ["QUERY \(query)", test.classNames[test.labels[query]]])
            let found = neighbours.of(0).map { neighbour in
                ImageGrid.Tile(
                    pixels: train.images.rows(neighbour.index..<(neighbour.index + 1)).scalars,
                    caption: [
                        train.classNames[train.labels[neighbour.index]], String(format: "D %.3g", neighbour.distance),
                    ])
            }
            grid.rows = [(space.uppercased(), [queryTile] + found)]
            try createParentFolder(of: path)
            try grid.render().savePNG(to: path)
            print("wrote \(path)")
        }
    }

    private func featureSpace(train: ImageDataset, test: ImageDataset) throws -> (Tensor, Tensor, String) {
        if let components = pca {
            let model = try PCA.fit(train.images, components: components)
            return (try model.transform(train.images), try model.transform(test.images), "PCA-\(components)")
        }
        if let path = model {
            let network = try TrainedModel.load(
                path, "--model", as: layer == nil ? [.autoencoder] : [], for: "retrieve",
                channels: train.channels, height: train.height, width: train.width)
            if let layer {
                return (
                    try DeepFeatures.extract(network, at: layer, from: train.images),
                    try DeepFeatures.extract(network, at: layer, from: test.images), "\(layer) features"
                )
            }
            let autoencoder = try Autoencoder(network)
            return (autoencoder.encode(train.images), autoencoder.encode(test.images), "AE codes")
        }
        if let path = features {
            let archive = try TensorArchive.load(from: path)
            let (database, queries) = (try archive.tensor("train", in: path), try archive.tensor("test", in: path))
            guard database.rank == 2, queries.rank == 2, database.shape[1] == queries.shape[1] else {
                throw LatentError(
                    "--features \(path): /train \(database.shape) and /test \(queries.shape) are not two tables of one width"
                )
            }
            guard database.shape[0] == train.count, queries.shape[0] == test.count else {
                throw LatentError(
                    "--features "
                        + "\(path): /train has \(database.shape[0]) rows and /test \(queries.shape[0]); the dataset has \(train.count) and \(test.count)"
                )
            }
            return (database, queries, "features")
        }
        return (train.images, test.images, "pixels")
    }
}

extension DistanceMetric: ExpressibleByArgument {}
