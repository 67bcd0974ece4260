import Foundation
import LatentCore
import LatentRetrieval
import LatentSearch

/// One way of searching the product photos (pixels, PCA, autoencoder codes, deep features) measured as a user
/// meets it: the index built by `latent index build`'s builder, every query file read and searched as
/// `latent search` does it.
struct SearchMethodResult {
    let precisionAt10: Double
    let meanAveragePrecision: Double
    let oneNearestNeighbourAccuracy: Double
    /// Precision@10 of each query file, for paired comparisons between methods over the same files.
    let queryPrecisions: [Double]
    /// The standard error of precision@10 over the queries: how much another draw of query files would move it.
    var precisionStandardError: Double { Self.standardError(queryPrecisions) }
    /// From the query file's bytes to the ranked matches, one query at a time: the median.
    let queryMilliseconds: Double
    let buildSeconds: Double
    /// Database files searched by their own file that came back first, and the largest distance to themselves.
    let selfFirst: Double
    let selfDistance: Double
    /// The matches of each query, nearest first, for the pictures.
    let matches: [[ImageMatch]]
    let index: ImageIndex

    /// - Parameter selfChecks: how many database files (spread over the database) are searched by their own file.
    init(_ codes: ImageIndexBuilder.Codes, photos: ProductPhotos, selfChecks: Int = 20) throws {
        let start = Date()
        let index = try ImageIndexBuilder.build(photos.database, codes: codes, metric: .cosine)
        buildSeconds = Date().timeIntervalSince(start)
        self.index = index
        let search = try ImageSearch(index: index, preparer: try ImportedImages.preparer(for: index))
        let k = VisualSearchStudy.rankedNeighbours
        var matches: [[ImageMatch]] = []
        var times: [Double] = []
        for query in photos.queries {
            let bytes = try Self.read(query.path)
            let started = Date()
            matches.append(try search.search(bytes, name: query.path, k: k))
            times.append(Date().timeIntervalSince(started))
        }
        self.matches = matches
        queryMilliseconds = 1000 * times.sorted()[times.count / 2]

        let neighbours = Neighbours(
            queryCount: matches.count, k: k, indices: matches.flatMap { $0.map { Int32($0.row) } },
            distances: matches.flatMap { $0.map(\.distance) })
        let labels = try photos.queryLabels()
        let top10 = try RetrievalMetrics(neighbours, queryLabels: labels, databaseLabels: index.labels, k: 10)
        precisionAt10 = top10.precisionAtK
        oneNearestNeighbourAccuracy = top10.oneNearestNeighbourAccuracy
        meanAveragePrecision = try RetrievalMetrics(neighbours, queryLabels: labels, databaseLabels: index.labels, k: k)
            .meanAveragePrecision
        queryPrecisions = zip(matches, labels).map { found, label in
            Double(found.prefix(10).count { index.labels[$0.row] == label }) / 10
        }

        var (first, farthest) = (0, Float(0))
        let rows = (0..<selfChecks).map { $0 * photos.databaseFiles.count / selfChecks }
        for row in rows {
            let found = try search.search(
                try Self.read(photos.databaseFiles[row]), name: photos.databaseFiles[row], k: 1)[0]
            if found.row == row { first += 1 }
            farthest = max(farthest, abs(found.distance))
        }
        selfFirst = Double(first) / Double(rows.count)
        selfDistance = Double(farthest)
    }

    /// The standard error of the mean of `values`.
    static func standardError(_ values: [Double]) -> Double {
        guard values.count > 1 else { return 0 }
        let mean = values.reduce(0, +) / Double(values.count)
        let variance = values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(values.count - 1)
        return (variance / Double(values.count)).squareRoot()
    }

    /// The standard error of the mean difference in precision@10 between two methods over the same query files.
    func pairedStandardError(against other: SearchMethodResult) -> Double {
        Self.standardError(zip(queryPrecisions, other.queryPrecisions).map { $0 - $1 })
    }

    private static func read(_ path: String) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw LatentError("\(path): cannot read the file")
        }
        return [UInt8](data)
    }
}
