import Foundation
import LatentCore
import LatentData
import LatentModels
import LatentNN
import LatentPictures
import LatentSearch
import LatentStorage

/// "More shoes like this one" from files: the dataset written out as PNG files in class folders, imported, indexed
/// by pixels, PCA codes, autoencoder codes and a CNN's deep features (cosine), and searched with held-out query
/// files exactly as `latent search` does.
enum VisualSearchStudy {
    /// Every query is ranked against this many database images: mAP@100, as ../shared/PROTOCOLS.md defines it.
    static let rankedNeighbours = 100

    /// What the experiment file asks for, with the defaults in one place.
    struct Settings {
        let architecture: AutoencoderArchitecture
        let code: Int
        let databasePerClass: Int
        let queriesPerClass: Int
        /// Neighbours drawn beside each pictured query.
        let neighbours: Int
        /// Test rows whose query files are pictured.
        let pictured: [Int]
        /// The self-supervised row's training, its seed a placeholder; `nil` leaves the row out.
        let selfSupervised: SelfSupervisedSettings?

        init(_ experiment: Experiment) {
            architecture = experiment.model?.arch.flatMap(AutoencoderArchitecture.init(rawValue:)) ?? .conv
            code = experiment.model?.code ?? 32
            databasePerClass = experiment.evaluation?.databasePerClass ?? 1000
            queriesPerClass = experiment.evaluation?.queriesPerClass ?? 100
            neighbours = experiment.evaluation?.neighbours ?? 8
            pictured = experiment.evaluation?.queries ?? [0, 1, 2]
            selfSupervised = experiment.selfSupervised?.settings(seed: 0)
        }
    }

    /// A way of searching, and its results over the seeds (one for the methods that train nothing).
    struct Method {
        let key: String
        let name: String
        var results: [SearchMethodResult] = []
        var trainingSeconds: [Double] = []
    }

    static func run(_ context: ExperimentContext) throws -> ExperimentReport {
        let settings = Settings(context.experiment)
        let scratch = (NSTemporaryDirectory() as NSString).appendingPathComponent(
            "latent-visual-search-\(UUID().uuidString)")
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: scratch) }  // made above, holding only the exported files

        context.log(
            "writing \(settings.databasePerClass) train and \(settings.queriesPerClass) test images per class as PNG files"
        )
        let photos = try ProductPhotos(
            train: context.train, test: context.test, databasePerClass: settings.databasePerClass,
            queriesPerClass: settings.queriesPerClass, folder: scratch)
        let training = try photos.trainingSet
        var methods = [
            Method(key: "pixels", name: "pixels (\(training.pixelsPerImage))"),
            Method(key: "pca", name: "PCA-\(settings.code)"),
            Method(key: "autoencoder", name: "\(settings.architecture.rawValue) autoencoder-\(settings.code)"),
            Method(key: "cnn", name: "CNN features (hidden, 128)"),
        ]
        if let ssl = settings.selfSupervised {
            methods.append(
                Method(
                    key: "ssl",
                    name: "self-supervised \(ssl.method.rawValue) features (\(ssl.architecture.featureCount))"))
        }
        context.log("searching \(photos.queries.count) query files by pixels and by PCA-\(settings.code)")
        methods[0].results.append(try SearchMethodResult(.pixels, photos: photos))
        methods[1].results.append(try SearchMethodResult(.pca(components: settings.code), photos: photos))
        for seed in context.experiment.seeds {
            let options = TrainingOptions(
                epochs: context.training.epochs, batchSize: context.training.batchSize, seed: seed,
                showsProgress: true)
            var generator = SeededGenerator(seed: seed)
            context.log(
                "seed \(seed): training the \(settings.architecture.rawValue) autoencoder for \(options.epochs) epochs")
            var start = Date()
            let autoencoder = try Autoencoder(
                try settings.architecture
                    .spec(
                        codeSize: settings.code, channels: training.channels, height: training.height,
                        width: training.width
                    )
                    .build(using: &generator))
            try autoencoder.fit(
                training, options: options, optimizer: Adam(learningRate: context.training.learningRate))
            methods[2].trainingSeconds.append(Date().timeIntervalSince(start))
            methods[2].results.append(
                try SearchMethodResult(
                    .autoencoder(Checkpoint(model: autoencoder.model, kind: .autoencoder, seed: seed)), photos: photos))

            context.log("seed \(seed): training the CNN for \(options.epochs) epochs")
            start = Date()
            let cnn = try ClassifierArchitecture.cnn.spec(
                channels: training.channels, height: training.height,
                width: training.width, classes: training.classNames.count
            )
            .build(using: &generator)
            try ClassifierTraining.fit(
                cnn, train: training, options: options, learningRate: context.training.learningRate)
            methods[3].trainingSeconds.append(Date().timeIntervalSince(start))
            methods[3].results.append(
                try SearchMethodResult(
                    .features(Checkpoint(model: cnn, kind: .classifier, seed: seed), layer: "hidden"), photos: photos))

            if var ssl = settings.selfSupervised {
                ssl.training.seed = seed
                let (encoder, seconds) = try trainSelfSupervised(
                    ssl, on: training, folder: (scratch as NSString).appendingPathComponent("ssl-\(seed)"),
                    context: context)
                methods[4].trainingSeconds.append(seconds)
                methods[4].results.append(
                    try SearchMethodResult(
                        .features(
                            Checkpoint(model: encoder, kind: .selfSupervised, seed: seed),
                            layer: SelfSupervisedPipeline.featuresLayer), photos: photos))
            }
        }
        for method in methods where method.key != "pixels" {
            try method.results[0].index.save(to: context.path("\(method.key).index.h5"))
        }
        var report = VisualSearchReport(
            settings: settings, photos: photos, methods: methods,
            seeds: context.experiment.seeds
        ).report()
        let pictures = try drawPictures(settings, photos: photos, methods: methods, context: context)
        report.sections.insert(
            .init(
                title: "Query files and their nearest database photos",
                body: "Each row is one method (its first seed): the query file, then its "
                    + "\(settings.neighbours) nearest database photos with their class folder "
                    + "and cosine distance.",
                pictures: pictures), at: 2)
        return report
    }

    /// An encoder trained by `settings` on the database photos, their folder names unread, and its training seconds;
    /// its checkpoints go to `folder`, inside the study's scratch folder.
    private static func trainSelfSupervised(
        _ settings: SelfSupervisedSettings, on photos: ImageDataset, folder: String, context: ExperimentContext
    ) throws -> (encoder: any Layer, seconds: Double) {
        context.log(
            "seed \(settings.training.seed): training a \(settings.architecture.rawValue) encoder with "
                + "\(settings.method.rawValue) for \(settings.training.epochs) epochs, labels unused")
        let pipeline = SelfSupervisedPipeline(
            settings, trainCount: photos.count, training: TrainingOptions(epochs: 1, showsProgress: true))
        let result = try pipeline.run(train: photos, test: nil, output: folder, log: { _ in })
        return (result.model, result.trainingSeconds)
    }

    /// One picture per pictured query: a row per method, the query beside its nearest database photos.
    private static func drawPictures(
        _ settings: Settings, photos: ProductPhotos, methods: [Method],
        context: ExperimentContext
    ) throws -> [(file: String, caption: String)] {
        let database = photos.database
        let size = database.channels * database.height * database.width
        let pixels = try database.pixels.all().scalars
        let preparer = try ImportedImages.preparer(for: methods[0].results[0].index)
        var pictures: [(file: String, caption: String)] = []
        for row in settings.pictured {
            guard let position = photos.queries.firstIndex(where: { $0.testRow == row }) else { continue }
            let query = photos.queries[position]
            let bytes = [UInt8](FileManager.default.contents(atPath: query.path) ?? Data())
            let queryTile = ImageGrid.Tile(
                pixels: try preparer.prepare(bytes, name: query.path),
                caption: ["QUERY", String(query.className.prefix(12))])
            var grid = ImageGrid(imageWidth: database.width, imageHeight: database.height, channels: database.channels)
            grid.rows = methods.map { method in
                let matches = method.results[0].matches[position].prefix(settings.neighbours)
                return (
                    method.key.uppercased(),
                    [queryTile]
                        + matches.map { match in
                            ImageGrid.Tile(
                                pixels: Array(pixels[(match.row * size)..<((match.row + 1) * size)]),
                                caption: [String(match.label.prefix(12)), String(format: "D %.3g", match.distance)])
                        }
                )
            }
            let file = "query-test-\(row).png"
            try grid.render().savePNG(to: context.path(file))
            pictures.append(
                (file, "Query file test-\(row).png (\(query.className)) and its nearest database photos by each method")
            )
        }
        return pictures
    }
}
