import ArgumentParser
import Foundation
import LatentCore
import LatentRetrieval
import LatentSearch

/// `latent search`: the database images nearest to an image file, as a table, a picture and CSV/JSON.
struct SearchImages: ParsableCommand, DistributedCommand {
    static let configuration = CommandConfiguration(
        commandName: "search", abstract: "Find the images of an index most similar to an image file.",
        discussion: "The query is processed exactly as the index's database was: the same preprocessing, then the "
            + "same PCA basis or model. It need not be in the database.")

    @Option(help: "The index (from `latent index build`).")
    var index: String

    @Option(help: "The query image: a JPEG or PNG file.")
    var image: String

    @Option(parsing: .unconditional, help: "Neighbours to return.")
    var k = 5

    @Option(help: "Write the query beside its neighbours as a PNG picture here.")
    var picture: String?

    @Option(help: "Write the table as CSV or JSON (by extension) here.")
    var table: String?

    func validate() throws {
        try OptionChecks.requireReadableFile(index, "--index")
        try OptionChecks.requireReadableFile(image, "--image")
        try OptionChecks.require(k, in: 1...OptionChecks.largestSize, "--k")
        if let picture { try OptionChecks.requireWritableFile(picture, "--picture") }
        if let table { try OptionChecks.requireWritableFile(table, "--table") }
    }

    func run() throws {
        let loaded = try ImageIndex.load(from: index)
        try OptionChecks.require(k, atMost: loaded.count, "--k", "the \(loaded.count) images in \(index)")
        let search = try ImageSearch(index: loaded, preparer: try ImportedImages.preparer(for: loaded))
        let bytes = try readQuery()
        let pixels = try search.prepare(bytes, name: image)
        // Under mpirun each process searches its slice of the codes, and rank 0 merges and reports.
        guard
            let neighbours = try ShardedSearch.search(
                loaded.codes, metric: loaded.metric, queries: try search.code(of: pixels),
                k: k, job: DistributedRun.job)
        else { return }
        let matches = loaded.matches(neighbours)[0]
        let result = SearchTable(query: image, matches: matches)
        print(
            "query: \(image); \(k) nearest of \(loaded.count) images by \(loaded.codeSpace.name), \(loaded.metric.rawValue)"
        )
        print(result)
        if let path = table {
            try createParentFolder(of: path)
            try (path.hasSuffix(".json") ? result.json : result.csv).write(
                toFile: path, atomically: true, encoding: .utf8)
        }
        if let path = picture {
            try createParentFolder(of: path)
            try SearchPicture.render(query: pixels, name: image, matches: matches, index: loaded).savePNG(to: path)
            print("wrote \(path)")
        }
    }

    /// The query file's bytes; the decoder checks what they hold.
    private func readQuery() throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: image) else {
            throw LatentError("--image \(image): cannot read the file")
        }
        return [UInt8](data)
    }
}
