import ArgumentParser
import Foundation
import LatentCore
import LatentData
import LatentPictures
import LatentRetrieval
import LatentServer

/// `latent index bench`: search latency for one query over Fashion-MNIST's 60,000 train images, and the service
/// under load from `wrk` over loopback. Figures go to standard output as JSON lines, progress to standard error.
struct SearchBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench", abstract: "Time one query over 60,000 codes, and the search service under load (wrk).")

    @Option(help: "Directory holding Fashion-MNIST's four IDX files (default: the Debian location, or $LATENT_DATA).")
    var dataDir: String?

    @Option(parsing: .unconditional, help: "Timed single queries (the median and 99th percentile are reported).")
    var repetitions = 200

    @Option(parsing: .unconditional, help: "Seconds of load per endpoint.")
    var seconds = 10

    @Option(parsing: .unconditional, help: "Open connections during the load.")
    var connections = 8

    func validate() throws {
        try OptionChecks.require(repetitions, in: 1...1_000_000, "--repetitions")
        try OptionChecks.require(seconds, in: 1...600, "--seconds")
        try OptionChecks.require(connections, in: 1...1000, "--connections")
    }

    func run() async throws {
        let dataset = KnownDataset.fashionMNIST
        let directory = dataset.directory(flag: dataDir)
        log("loading \(dataset.rawValue) train from \(directory)")
        let train = try dataset.load(.train, from: directory)
        let source = IndexSource(images: train.images, channels: 1, height: train.height, width: train.width,
                                 paths: (0..<train.count).map { "fashion-mnist/train/\($0)" }, labels: train.labels,
                                 classNames: train.classNames,
                                 preprocessing: ImportedImages.preprocessing(side: train.height, grey: true))
        let folder = NSTemporaryDirectory() + "latent-search-bench-\(ProcessInfo.processInfo.processIdentifier)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let queryFile = try writeQuery(train, row: 0, into: folder)
        let queryBytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: queryFile)))

        var served: ImageSearch?
        for (codes, name) in [(ImageIndexBuilder.Codes.pca(components: 64), "pca-64"), (.pixels, "pixels")] {
            log("building the \(name) index of \(train.count) images")
            var index: ImageIndex?
            let buildSeconds = try secondsTaken { index = try ImageIndexBuilder.build(source, codes: codes, metric: .cosine) }
            let search = try ImageSearch(index: index!, preparer: try ImportedImages.preparer(for: index!))
            let code = search.index.codes.rows(0..<1)
            let searchOnly = try timings { _ = try search.index.search(code, k: 5) }
            let fromFile = try timings { _ = try search.search(queryBytes, name: queryFile, k: 5) }
            log("\(name): build \(String(format: "%.1f", buildSeconds)) s; one query: search \(milliseconds(searchOnly.median)) ms "
                + "(p99 \(milliseconds(searchOnly.p99))), PNG file to results \(milliseconds(fromFile.median)) ms")
            printJSONLine([("benchmark", "search-latency"), ("codes", name), ("images", train.count),
                           ("dimension", search.index.dimension), ("metric", "cosine"), ("k", 5),
                           ("build_seconds", buildSeconds), ("search_ms_p50", searchOnly.median * 1000),
                           ("search_ms_p99", searchOnly.p99 * 1000), ("file_query_ms_p50", fromFile.median * 1000),
                           ("file_query_ms_p99", fromFile.p99 * 1000), ("cores", ProcessInfo.processInfo.activeProcessorCount)])
            if served == nil { served = search }
        }
        if let served { try await load(served, queryFile: queryFile, folder: folder) }
    }

    /// Median and 99th percentile of `repetitions` runs after one warm-up.
    private func timings(_ body: () throws -> Void) throws -> (median: Double, p99: Double) {
        try body()
        let times = try (0..<repetitions).map { _ in try secondsTaken(body) }.sorted()
        return (times[times.count / 2], times[min(times.count - 1, times.count * 99 / 100)])
    }

    /// The service on a free loopback port, loaded by wrk: uploads of a PNG file, and searches by database row.
    private func load(_ search: ImageSearch, queryFile: String, folder: String) async throws {
        guard let wrk = ["/usr/bin/wrk", "/usr/local/bin/wrk"].first(where: FileManager.default.isExecutableFile) else {
            log("SKIPPED the load test: wrk is missing (apt-get install wrk)")
            printJSONLine([("benchmark", "search-service"), ("skipped", "wrk is missing")])
            return
        }
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let server = SearchServer(search: search, host: "127.0.0.1", port: 0, stopsOnSignals: false) { continuation.yield($0) }
        let running = Task { try await server.run() }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else { throw LatentError("the search service did not start") }
        defer { running.cancel() }
        let script = folder + "/post.lua"
        try """
        local file = io.open("\(queryFile)", "rb")
        wrk.body = file:read("*all")
        file:close()
        wrk.method = "POST"
        wrk.headers["Content-Type"] = "application/octet-stream"
        """.write(toFile: script, atomically: true, encoding: .utf8)
        let endpoints = [("POST /search (PNG upload)", "/search?k=5", ["-s", script]),
                         ("GET /neighbours/ROW", "/neighbours/123?k=5", [])]
        for (name, path, extra) in endpoints {
            log("loading \(name) for \(seconds) s with \(connections) connections")
            let output = try await runWrk(wrk, ["-t2", "-c\(connections)", "-d\(seconds)s", "--latency"] + extra
                                          + ["http://127.0.0.1:\(port)\(path)"])
            let figures = WrkReport(output)
            log("\(name): \(String(format: "%.0f", figures.requestsPerSecond)) requests/s, p50 \(figures.p50Milliseconds) ms, "
                + "p99 \(figures.p99Milliseconds) ms, \(figures.errors) errors")
            printJSONLine([("benchmark", "search-service"), ("endpoint", name), ("images", search.index.count),
                           ("codes", search.index.codeSpace.name), ("connections", connections), ("seconds", seconds),
                           ("requests_per_second", figures.requestsPerSecond), ("latency_ms_p50", figures.p50Milliseconds),
                           ("latency_ms_p99", figures.p99Milliseconds), ("non_2xx_or_errors", figures.errors),
                           ("cores", ProcessInfo.processInfo.activeProcessorCount)])
        }
        await server.stop()
        try await running.value
    }

    /// Runs wrk to the end on a thread of its own and returns what it printed.
    private func runWrk(_ wrk: String, _ arguments: [String]) async throws -> String {
        try await withCheckedThrowingContinuation { continuation in
            Thread {
                continuation.resume(with: Result {
                    let process = Process()
                    process.executableURL = URL(fileURLWithPath: wrk)
                    process.arguments = arguments
                    let output = Pipe()
                    process.standardOutput = output
                    process.standardError = output
                    try process.run()
                    let data = output.fileHandleForReading.readDataToEndOfFile()
                    process.waitUntilExit()
                    return String(decoding: data, as: UTF8.self)
                })
            }.start()
        }
    }

    /// A train image as a PNG file, the query a user would upload.
    private func writeQuery(_ train: ImageDataset, row: Int, into folder: String) throws -> String {
        var canvas = Canvas(width: train.width, height: train.height)
        let pixels = train.images.rows(row..<(row + 1)).scalars
        canvas.drawGrey(pixels, imageWidth: train.width, imageHeight: train.height, x: 0, y: 0)
        let path = folder + "/query.png"
        try canvas.savePNG(to: path)
        return path
    }

    private func milliseconds(_ seconds: Double) -> String { String(format: "%.3f", seconds * 1000) }
}

/// The figures of a `wrk --latency` run.
struct WrkReport {
    var requestsPerSecond = 0.0
    var p50Milliseconds = Double.nan
    var p99Milliseconds = Double.nan
    /// Socket errors and non-2xx answers.
    var errors = 0

    init(_ output: String) {
        for line in output.split(separator: "\n").map({ $0.trimmingCharacters(in: .whitespaces) }) {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
            if line.hasPrefix("Requests/sec:"), let value = fields.last.flatMap(Double.init) { requestsPerSecond = value }
            if line.hasPrefix("50%"), let value = fields.last { p50Milliseconds = WrkReport.milliseconds(value) }
            if line.hasPrefix("99%"), let value = fields.last { p99Milliseconds = WrkReport.milliseconds(value) }
            if line.hasPrefix("Non-2xx"), let value = fields.last.flatMap(Int.init) { errors += value }
            if line.hasPrefix("Socket errors:") {
                errors += fields.compactMap { Int($0.trimmingCharacters(in: CharacterSet(charactersIn: ","))) }.reduce(0, +)
            }
        }
    }

    /// "850.00us", "1.23ms" or "2.00s" in milliseconds.
    static func milliseconds(_ text: String) -> Double {
        for (unit, scale) in [("us", 0.001), ("ms", 1.0), ("s", 1000.0)] where text.hasSuffix(unit) {
            return (Double(text.dropLast(unit.count)) ?? .nan) * scale
        }
        return .nan
    }
}
