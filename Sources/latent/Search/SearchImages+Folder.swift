import Foundation
import LatentCore
import LatentDistributed
import LatentRetrieval
import LatentSearch

extension SearchImages {
    /// Queries decoded, encoded and searched this many at a time: one encoder pass and one product with the
    /// database per batch, while the pixels held stay those of a few hundred images.
    static let queryBatch = 256

    /// Every file of `folder` as a query, in name order, with the index loaded once; files that cannot be read or
    /// decoded are named as they are met and again at the end, in the error that sets the exit status.
    func searchFolder(_ folder: String, of loaded: ImageIndex, by search: ImageSearch) throws {
        let files = try queryFiles(in: folder)
        let reports = mpi.job?.isRoot ?? true
        let exact = try exactSearch(of: loaded) { facts in
            let names = JobFacts.digest(of: Data(files.joined(separator: "\n").utf8))
            facts.append("the query files", "\(files.count), names \(names)")
        }
        let inputSize = loaded.channels * loaded.height * loaded.width
        var results: [(query: String, matches: [ImageMatch])] = []
        var failed: [String] = []
        let start = Date()
        for first in stride(from: 0, to: files.count, by: Self.queryBatch) {
            var names: [String] = []
            var pixels: [Float] = []
            for file in files[first..<min(first + Self.queryBatch, files.count)] {
                do {
                    guard let data = FileManager.default.contents(atPath: file) else {
                        throw LatentError("\(file): cannot read the file")
                    }
                    pixels += try search.prepare([UInt8](data), name: file)
                    names.append(file)
                } catch {
                    failed.append(file)
                    if reports { FileHandle.standardError.write(Data("skipped \(error)\n".utf8)) }
                }
            }
            guard !names.isEmpty else { continue }
            let codes = try search.codes(of: Tensor(shape: [names.count, inputSize], scalars: pixels))
            guard let matches = try neighbours(of: codes, in: loaded, exact: exact) else { continue }
            results += zip(names, matches).map { (query: $0, matches: $1) }
        }
        guard reports else { return }
        let seconds = Date().timeIntervalSince(start)
        let result = SearchTable(results: results)
        print(
            "queries: \(results.count) of \(files.count) files in \(folder); \(k) nearest of \(loaded.count) images by "
                + "\(loaded.codeSpace.name), \(loaded.metric.rawValue)\(searchesGraph(of: loaded) ? ", hnsw graph" : ""); "
                + String(format: "%.3f s, %.1f queries/s", seconds, Double(results.count) / max(seconds, 1e-9)))
        if let path = table {
            try result.write(to: path)
            print("wrote \(path)")
        } else {
            print(result)
        }
        guard failed.isEmpty else {
            throw LatentError(
                "--images \(folder): \(failed.count) of \(files.count) files could not be searched: "
                    + failed.joined(separator: ", "))
        }
    }

    /// The files directly in `folder` (hidden ones and subfolders left out), sorted by name, as `folder/name`.
    private func queryFiles(in folder: String) throws -> [String] {
        let names = try FileManager.default.contentsOfDirectory(atPath: folder).filter { !$0.hasPrefix(".") }.sorted()
        let prefix = folder.hasSuffix("/") ? folder : folder + "/"
        let files = names.map { prefix + $0 }.filter { path in
            var isFolder: ObjCBool = false
            return FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) && !isFolder.boolValue
        }
        guard !files.isEmpty else { throw LatentError("--images \(folder): the folder holds no files") }
        return files
    }
}
