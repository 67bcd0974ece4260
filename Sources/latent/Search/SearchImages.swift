import ArgumentParser
import Foundation
import LatentCore
import LatentDistributed
import LatentRetrieval
import LatentSearch

/// `latent search`: the database images nearest to an image file, or to every file of a folder, as a table, a picture
/// and CSV/JSON.
struct SearchImages: ParsableCommand, DistributedCommand {
    static let configuration = CommandConfiguration(
        commandName: "search", abstract: "Find the images of an index most similar to an image file.",
        discussion: "The query is processed exactly as the index's database was: the same preprocessing, then the "
            + "same PCA basis or model. It need not be in the database. With --images, every file of a folder is a "
            + "query: the index is loaded once and the queries are encoded and searched in batches; a file that "
            + "cannot be read or decoded is named and skipped, and the exit status is 1 at the end if any was.")

    @Option(help: "The index (from `latent index build`).")
    var index: String

    @Option(help: "The query image: a JPEG, PNG, GIF, BMP, TIFF or WebP file.")
    var image: String?

    @Option(help: "A folder of query images: every file in it (not in its subfolders), with one table for them all.")
    var images: String?

    @Option(parsing: .unconditional, help: "Neighbours to return.")
    var k = 5

    @Option(help: "Write the query beside its neighbours as a PNG picture here.")
    var picture: String?

    @Option(help: "Write the table as CSV or JSON (by extension) here (with --images, instead of printing it).")
    var table: String?

    @Flag(help: OutputRule.forceHelp)
    var force = false

    @OptionGroup var graph: GraphSearchOptions
    @OptionGroup var mpi: MPIOptions

    func validate() throws {
        try OptionChecks.requireReadableFile(index, "--index")
        switch (image, images) {
        case (nil, nil): throw ValidationError("give the query: --image FILE, or --images DIR for a folder of them")
        case (.some, .some): throw ValidationError("give --image FILE or --images DIR, not both")
        default: break
        }
        if let image { try OptionChecks.requireReadableFile(image, "--image") }
        if let images {
            try OptionChecks.requireReadableFolder(images, "--images")
            if picture != nil { throw ValidationError("--picture draws one query: it needs --image, not --images") }
        }
        try OptionChecks.require(k, in: 1...OptionChecks.largestSize, "--k")
        if let picture { try OptionChecks.requireWritableFile(picture, "--picture") }
        if let table { try OptionChecks.requireWritableFile(table, "--table") }
        let rule = OutputRule(inputs: [("--index", index), ("--image", image)], force: force)
        if let picture { try rule.check(picture, "--picture", writes: .picture) }
        if let table { try rule.check(table, "--table", writes: .other, named: "a table") }
    }

    func run() throws {
        let loaded = try ImageIndex.load(from: index)
        try OptionChecks.require(k, atMost: loaded.count, "--k", "the \(loaded.count) images in \(index)")
        try graph.check(loaded, at: index)
        let search = try ImageSearch(
            index: loaded, preparer: try ImportedImages.preparer(for: loaded), ef: graph.ef)
        if let images {
            try searchFolder(images, of: loaded, by: search)
        } else if let image {
            try searchOne(image, of: loaded, by: search)
        }
    }

    /// One query file: its table printed (and written with --table), its picture drawn with --picture.
    private func searchOne(_ image: String, of loaded: ImageIndex, by search: ImageSearch) throws {
        let bytes = try readQuery(image)
        let pixels = try search.prepare(bytes, name: image)
        let exact = try exactSearch(of: loaded) { facts in try facts.append(contentsOf: image, as: "the --image file") }
        guard let matches = try neighbours(of: try search.code(of: pixels), in: loaded, exact: exact)?[0] else {
            return
        }
        let result = SearchTable(query: image, matches: matches)
        print(
            "query: \(image); \(k) nearest of \(loaded.count) images by \(loaded.codeSpace.name), "
                + "\(loaded.metric.rawValue)\(searchesGraph(of: loaded) ? ", hnsw graph" : "")")
        print(result)
        if let path = table { try result.write(to: path) }
        if let path = picture {
            try createParentFolder(of: path)
            try SearchPicture.render(query: pixels, name: image, matches: matches, index: loaded).savePNG(to: path)
            print("wrote \(path)")
        }
    }

    /// Whether this process searches `loaded` through its graph: a graph spans the whole index, so under mpirun each
    /// process searches its slice of the codes exactly instead.
    func searchesGraph(of loaded: ImageIndex) -> Bool { loaded.graph != nil && (mpi.job?.size ?? 1) == 1 }

    /// The exact search of `loaded`'s codes, `nil` where its graph answers instead. Under mpirun each process searches
    /// its slice, once the processes agree on the command line, the index file and what `queries` adds of the queries.
    func exactSearch(of loaded: ImageIndex, queries: (inout JobFacts) throws -> Void) throws -> ShardedSearch? {
        guard !searchesGraph(of: loaded) else { return nil }
        return try ShardedSearch(loaded.codes, metric: loaded.metric, job: mpi.job) {
            var facts = JobFacts.commandLine
            try facts.append(contentsOf: index, as: "the index")
            try queries(&facts)
            return facts
        }
    }

    /// The matches of each query code, through the index's graph or by `exact`; under mpirun rank 0 gets them, the
    /// other ranks `nil`.
    func neighbours(of codes: Tensor, in loaded: ImageIndex, exact: ShardedSearch?) throws -> [[ImageMatch]]? {
        guard let exact else { return try loaded.search(codes, k: k, ef: graph.ef) }
        guard let neighbours = try exact.search(codes, k: loaded.searchDepth(k: k)) else { return nil }
        return loaded.matches(neighbours, k: k)
    }

    /// The query file's bytes; the decoder checks what they hold.
    private func readQuery(_ image: String) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: image) else {
            throw LatentError("--image \(image): cannot read the file")
        }
        return [UInt8](data)
    }
}
