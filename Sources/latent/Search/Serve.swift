import ArgumentParser
import Foundation
import LatentCore
import LatentRetrieval
import LatentSearch
import LatentServer

/// `latent serve`: the search page and JSON API over HTTP, for an index loaded once and never written.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve an image index: a search page, POST /search, GET /health, GET /thumbnail/ROW.",
        discussion: "POST /search?k=5 takes an image file's bytes and answers JSON; GET /neighbours/ROW?k=5 searches "
            + "with a database image. Ctrl-C (or SIGTERM) stops the server after the requests in flight.")

    @Option(help: "The index (from `latent index build`).")
    var index: String

    @Option(parsing: .unconditional, help: "TCP port; 0 picks a free one.")
    var port = 8080

    @Option(help: "Address to listen on; 0.0.0.0 serves other machines too.")
    var host = "127.0.0.1"

    @Option(parsing: .unconditional, help: "Largest upload accepted, in MiB.")
    var maxUploadMb = 10

    @Option(parsing: .unconditional, help: "Seconds one request may take, upload included.")
    var timeout = 10

    @Option(help: "The folder the index's photos were imported from; GET /original/ROW then answers each photo.")
    var photos: String?

    @OptionGroup var graph: GraphSearchOptions

    func validate() throws {
        try OptionChecks.requireReadableFile(index, "--index")
        try OptionChecks.require(port, in: 0...65_535, "--port")
        guard !host.isEmpty else { throw ValidationError("--host needs an address, e.g. 127.0.0.1") }
        try OptionChecks.require(maxUploadMb, in: 1...1024, "--max-upload-mb")
        try OptionChecks.require(timeout, in: 1...3600, "--timeout")
        if let photos { try OptionChecks.requireReadableFolder(photos, "--photos") }
    }

    func run() async throws {
        let loaded = try ImageIndex.load(from: index)
        try graph.check(loaded, at: index)
        let limits = SearchLimits(uploadBytes: maxUploadMb << 20, requestSeconds: Double(timeout))
        let search = try ImageSearch(
            index: loaded, preparer: try ImportedImages.preparer(for: loaded, largestFileBytes: limits.uploadBytes),
            ef: graph.ef)
        let (host, images, space) = (host, loaded.count, loaded.codeSpace.name)
        let server = SearchServer(search: search, host: host, port: port, limits: limits, photos: photos) { port in
            // Tests and scripts read the port from this line, so it goes out at once, unbuffered.
            let line = "serving \(images) images (\(space)) on http://\(host):\(port)/ ; Ctrl-C stops\n"
            Console.write(line, to: .output)
        }
        do {
            try await server.run()
        } catch {
            throw LatentError("cannot serve on \(host):\(port): \(error)")
        }
    }
}
