import ArgumentParser
import Foundation
import LatentCore
import LatentData
import LatentImages
import LatentPictures
import LatentRetrieval
import LatentSearch
import LatentServer

/// `latent bench search`: image search end to end, on Fashion-MNIST written out as image files. One JSON line per
/// figure: import throughput of a folder of PNG and of JPEG files; the latency of one query over the 60,000 train
/// codes, from an image file's bytes to the results and for the search alone; the service under load from `wrk`.
struct SearchBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Image search: import throughput, one query over 60,000 codes, and the service under load (wrk).")

    @Option(
        help:
            "Directory holding Fashion-MNIST's four IDX files (default: $LATENT_DATA/fashion-mnist, else the Debian package, else ~/.cache/latent/fashion-mnist)."
    )
    var dataDir: String?

    @Flag(help: "A small smoke run: 6,000 database and 1,000 imported images, 20 queries, 2 s of load; not comparable.")
    var quick = false

    @Option(parsing: .unconditional, help: "Timed imports of each folder after a warm-up (the median is reported).")
    var repetitions = 3

    @Option(
        parsing: .unconditional, help: "Timed single queries, each a different test image (p50 and p99 are reported).")
    var queries = 200

    @Option(parsing: .unconditional, help: "Seconds of load per endpoint.")
    var seconds = 10

    @Option(parsing: .unconditional, help: "Open connections during the load.")
    var connections = 8

    func validate() throws {
        try OptionChecks.require(repetitions, in: 1...OptionChecks.largestCount, "--repetitions")
        try OptionChecks.require(queries, in: 1...OptionChecks.largestCount, "--queries")
        try OptionChecks.require(seconds, in: 1...600, "--seconds")
        try OptionChecks.require(connections, in: 1...1000, "--connections")
    }

    func run() async throws {
        let dataset = KnownDataset.fashionMNIST
        let directory = dataset.directory(flag: dataDir)
        log("loading \(dataset.rawValue) from \(directory)")
        var (train, test) = (try dataset.load(.train, from: directory), try dataset.load(.test, from: directory))
        if quick {
            (train, test) = (try train.sampled(perClass: 600, seed: 0), try test.sampled(perClass: 100, seed: 0))
        }
        let folder = NSTemporaryDirectory() + "latent-bench-search-\(getpid())"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
        defer { try? FileManager.default.removeItem(atPath: folder) }

        for format in ImageFormat.allCases { try importThroughput(test, as: format, in: folder) }
        let loadSeconds = quick ? 2 : seconds
        let queryCount = quick ? min(queries, 20) : queries
        var served: ImageSearch?
        for (codes, name) in [(ImageIndexBuilder.Codes.pca(components: 64), "pca-64"), (.pixels, "pixels")] {
            let search = try queryLatency(train: train, test: test, codes: codes, name: name, queries: queryCount)
            if served == nil { served = search }
        }
        if let served {
            try await load(served, query: try ImageFormat.png.file(test, row: 0), seconds: loadSeconds, in: folder)
        }
    }

    /// The fields every line starts with.
    private func commonFields(_ benchmark: String) -> [(String, Any)] {
        [
            ("benchmark", benchmark), ("threads", BLAS.threads),
            ("cores", ProcessInfo.processInfo.activeProcessorCount),
            ("dataset", quick ? "fashion-mnist (quick subset)" : "fashion-mnist"),
        ]
    }

    /// The test images as files in class folders, imported back as 28x28 grey (what they are: nothing is resized).
    private func importThroughput(_ test: ImageDataset, as format: ImageFormat, in folder: String) throws {
        let root = folder + "/\(format.rawValue)"
        log("writing \(test.count) \(format.rawValue) files into \(root)")
        var fileBytes = 0
        for row in 0..<test.count {
            let bytes = try format.file(test, row: row)
            fileBytes += bytes.count
            let classFolder = root + "/" + test.classNames[test.labels[row]].replacingOccurrences(of: "/", with: "-")
            try FileManager.default.createDirectory(atPath: classFolder, withIntermediateDirectories: true)
            try AtomicFile.write(Data(bytes), to: classFolder + "/\(row).\(format.fileExtension)")
        }
        let preprocessing = Preprocessing(size: test.height, colour: .grey)
        var imported = 0
        let seconds = try medianSeconds(repetitions: repetitions) {
            imported = try ImageFolderImport(folder: root, preprocessing: preprocessing)
                .run(writingTo: folder + "/imported.h5").imported
        }
        guard imported == test.count else {
            throw LatentError("imported \(imported) of the \(test.count) \(format.rawValue) files")
        }
        log(
            "import of \(imported) \(format.rawValue) files: \(String(format: "%.2f", seconds)) s, "
                + "\(String(format: "%.0f", Double(imported) / seconds)) images/s")
        printJSONLine(
            commonFields("search-import") + [
                ("format", format.rawValue), ("images", imported), ("mean_file_bytes", fileBytes / test.count),
                ("preprocessing", preprocessing.description), ("seconds", seconds),
                ("images_per_second", Double(imported) / seconds),
            ])
    }

    /// An index of the train images, and queries with test images (not in it): p50 and p99 of the search alone, of
    /// encoding and searching prepared pixels, and of the whole path from a PNG or JPEG file's bytes (decode,
    /// preprocess, encode, search).
    private func queryLatency(
        train: ImageDataset, test: ImageDataset, codes: ImageIndexBuilder.Codes, name: String,
        queries: Int
    ) throws -> ImageSearch {
        let source = IndexSource(
            images: train.images, channels: 1, height: train.height, width: train.width,
            paths: (0..<train.count).map { "train/\($0)" }, labels: train.labels,
            classNames: train.classNames,
            preprocessing: ImportedImages.preprocessing(side: train.height, grey: true))
        log("building the \(name) index of \(train.count) images")
        var index: ImageIndex?
        let buildSeconds = try secondsTaken {
            index = try ImageIndexBuilder.build(source, codes: codes, metric: .cosine)
        }
        let search = try ImageSearch(index: index!, preparer: try ImportedImages.preparer(for: index!))
        let rows = (0..<queries).map { $0 % test.count }
        var fields =
            commonFields("search-latency") + [
                ("codes", name), ("images", train.count), ("dimension", search.index.dimension), ("metric", "cosine"),
                ("k", 5),
                ("queries", queries), ("build_seconds", buildSeconds),
            ]
        // A stored code costs the search what a query's code does.
        let storedCodes = rows.map { search.index.codes.rows($0..<($0 + 1)) }
        let alone = try percentiles(storedCodes.map { code in { _ = try search.index.search(code, k: 5) } })
        let queryPixels = rows.map { test.images.rows($0..<($0 + 1)).scalars }
        let pixels = try percentiles(queryPixels.map { values in { _ = try search.search(pixels: values, k: 5) } })
        fields += [
            ("search_ms_p50", alone.p50), ("search_ms_p99", alone.p99), ("pixels_query_ms_p50", pixels.p50),
            ("pixels_query_ms_p99", pixels.p99),
        ]
        var summary =
            "\(name): search alone p50 \(String(format: "%.3f", alone.p50)) ms, from pixels (encode and search) "
            + "\(String(format: "%.3f", pixels.p50)) ms"
        for format in ImageFormat.allCases {
            let files = try rows.map { try format.file(test, row: $0) }
            let whole = try percentiles(files.map { file in { _ = try search.search(file, name: "the query", k: 5) } })
            fields += [("\(format.rawValue)_query_ms_p50", whole.p50), ("\(format.rawValue)_query_ms_p99", whole.p99)]
            summary += ", \(format.rawValue) file to results p50 \(String(format: "%.3f", whole.p50)) ms"
        }
        log(summary)
        printJSONLine(fields)
        return search
    }

    /// Milliseconds: the median and 99th percentile of running each body once, after one warm-up of the first.
    private func percentiles(_ bodies: [() throws -> Void]) throws -> (p50: Double, p99: Double) {
        try bodies[0]()
        let times = try bodies.map { try secondsTaken($0) * 1000 }.sorted()
        return (times[times.count / 2], times[min(times.count - 1, times.count * 99 / 100)])
    }

    /// The service on a free loopback port, loaded by wrk: uploads of a PNG file, and searches by database row.
    private func load(_ search: ImageSearch, query: [UInt8], seconds: Int, in folder: String) async throws {
        guard let wrk = ["/usr/bin/wrk", "/usr/local/bin/wrk"].first(where: FileManager.default.isExecutableFile) else {
            log(
                "SKIPPED the service under load: wrk is missing (scripts/benchmarks.sh installs it: apt-get install wrk)"
            )
            printJSONLine(commonFields("search-service") + [("skipped", "wrk is missing")])
            return
        }
        let queryFile = folder + "/query.png"
        try AtomicFile.write(Data(query), to: queryFile)
        let script = folder + "/post.lua"
        try AtomicFile.write(
            """
            local file = io.open("\(queryFile)", "rb")
            wrk.body = file:read("*all")
            file:close()
            wrk.method = "POST"
            wrk.headers["Content-Type"] = "application/octet-stream"
            """, to: script)
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let server = SearchServer(search: search, host: "127.0.0.1", port: 0, stopsOnSignals: false) {
            continuation.yield($0)
        }
        let running = Task { try await server.run() }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else { throw LatentError("the search service did not start") }
        let endpoints = [
            ("POST /search (PNG upload)", "/search?k=5", ["-s", script]),
            ("GET /neighbours/ROW", "/neighbours/123?k=5", []),
        ]
        for (name, path, extra) in endpoints {
            log("loading \(name) for \(seconds) s with \(connections) connections")
            let output = try await runWrk(
                wrk,
                ["-t1", "-c\(connections)", "-d\(seconds)s", "--latency"] + extra
                    + ["http://127.0.0.1:\(port)\(path)"])
            let figures = WrkReport(output)
            log(
                "\(name): \(String(format: "%.0f", figures.requestsPerSecond)) requests/s, p50 \(figures.p50Milliseconds) ms, "
                    + "p99 \(figures.p99Milliseconds) ms, \(figures.errors) errors")
            printJSONLine(
                commonFields("search-service") + [
                    ("endpoint", name), ("images", search.index.count), ("codes", search.index.codeSpace.name),
                    ("client", "wrk, 1 thread"), ("connections", connections), ("seconds", seconds),
                    ("requests_per_second", figures.requestsPerSecond), ("latency_ms_p50", figures.p50Milliseconds),
                    ("latency_ms_p99", figures.p99Milliseconds), ("non_2xx_or_errors", figures.errors),
                ])
        }
        await server.stop()
        try await running.value
    }

    /// Runs wrk to the end on a thread of its own and returns what it printed.
    private func runWrk(_ wrk: String, _ arguments: [String]) async throws -> String {
        try await withCheckedThrowingContinuation { continuation in
            Thread {
                continuation.resume(
                    with: Result {
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
}

/// The files a user's folder holds: lossless PNG, and JPEG as cameras write it (quality 95).
private enum ImageFormat: String, CaseIterable {
    case png, jpeg

    var fileExtension: String { self == .png ? "png" : "jpg" }

    /// Image `row` of a grey dataset as a file's bytes.
    func file(_ data: ImageDataset, row: Int) throws -> [UInt8] {
        let values = data.images.rows(row..<(row + 1)).scalars
        let grey = values.map { UInt8(max(0, min(255, ($0 * 255).rounded()))) }
        let bytes =
            switch self {
            case .png: PNGEncoder.encode(grey, channels: 1, width: data.width, height: data.height).map { [UInt8]($0) }
            case .jpeg: JPEGEncoder.encode(grey, channels: 1, width: data.width, height: data.height, quality: 95)
            }
        // Both fail only when memory runs out.
        guard let bytes else {
            throw LatentError("cannot encode a \(data.width)x\(data.height) \(rawValue) image: out of memory")
        }
        return bytes
    }
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
            if line.hasPrefix("Requests/sec:"), let value = fields.last.flatMap(Double.init) {
                requestsPerSecond = value
            }
            if line.hasPrefix("50%"), let value = fields.last { p50Milliseconds = WrkReport.milliseconds(value) }
            if line.hasPrefix("99%"), let value = fields.last { p99Milliseconds = WrkReport.milliseconds(value) }
            if line.hasPrefix("Non-2xx"), let value = fields.last.flatMap(Int.init) { errors += value }
            if line.hasPrefix("Socket errors:") {
                errors += fields.compactMap { Int($0.trimmingCharacters(in: CharacterSet(charactersIn: ","))) }.reduce(
                    0, +)
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
