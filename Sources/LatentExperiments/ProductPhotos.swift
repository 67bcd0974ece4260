import Foundation
import LatentCore
import LatentData
import LatentImages
import LatentSearch

/// A dataset as a shop would have it: database photos and held-out query photos as PNG files in class folders,
/// the database imported by `latent data import`'s importer.
struct ProductPhotos {
    /// A query photo: its file, the class folder it sits in, and its row in the test split.
    struct Query {
        let path: String
        let className: String
        let testRow: Int
    }

    /// The imported database, as `latent index build --data` reads it.
    let database: IndexSource
    /// The database files in import order, so that a database image can be searched by its own file.
    let databaseFiles: [String]
    let queries: [Query]
    let importSeconds: Double

    /// Writes `perClass` train images of each class and `queriesPerClass` test images of each class under `folder`,
    /// and imports the database files at the images' own size and colour.
    init(train: ImageDataset, test: ImageDataset, databasePerClass: Int, queriesPerClass: Int, folder: String) throws {
        let databaseFolder = folder + "/database"
        let queryFolder = folder + "/queries"
        try ImageFolderExport(train, perClass: databasePerClass, prefix: "train").run(into: databaseFolder)
        let queryExport = ImageFolderExport(test, perClass: queriesPerClass, prefix: "test")
        try queryExport.run(into: queryFolder)
        queries = queryExport.rows.map { row in
            Query(
                path: queryFolder + "/" + queryExport.relativePath(of: row),
                className: ImageFolderExport.folderName(of: test.classNames[test.labels[row]]), testRow: row)
        }
        let start = Date()
        let preprocessing = Preprocessing(size: train.height, colour: train.channels == 1 ? .grey : .rgb)
        let summary = try ImageFolderImport(folder: databaseFolder, preprocessing: preprocessing)
            .run(writingTo: folder + "/database.h5")
        guard summary.skipped.isEmpty else {
            throw LatentError(
                "\(databaseFolder): the importer skipped \(summary.skipped.count) of the exported files: "
                    + "\(summary.skipped[0])")
        }
        database = try ImportedImages.source(from: folder + "/database.h5")
        importSeconds = Date().timeIntervalSince(start)
        databaseFiles = database.paths.map { databaseFolder + "/" + $0 }
    }

    /// The class of each query as the index numbers it (its folder's position among the database's folders).
    func queryLabels() throws -> [Int] {
        try queries.map { query in
            guard let label = database.classNames.firstIndex(of: query.className) else {
                throw LatentError("query \(query.path): its class \(query.className) has no images in the database")
            }
            return label
        }
    }

    /// The database as a training set: every image with its folder's label (a shop trains on what it has).
    var trainingSet: ImageDataset {
        get throws {
            ImageDataset(
                name: "database", images: try database.pixels.all(), labels: database.labels,
                channels: database.channels, height: database.height, width: database.width,
                classNames: database.classNames)
        }
    }
}
