import ArgumentParser
import Foundation
import LatentRetrieval
import LatentSearch

/// `latent index info`: what an index holds and how it is searched (exactly, or through an HNSW graph and with what
/// recall).
struct IndexInfo: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "info", abstract: "Describe an image index: images, codes, metric and search (exact or HNSW).")

    @Option(help: "The index (from `latent index build`).")
    var index: String

    func validate() throws { try OptionChecks.requireReadableFile(index, "--index") }

    func run() throws {
        let loaded = try ImageIndex.load(from: index)
        print("\(index): \(loaded.count) images of \(loaded.channels)x\(loaded.height)x\(loaded.width)")
        print("codes: \(loaded.codeSpace.name), \(loaded.dimension) values, \(loaded.metric.rawValue) distance")
        print("thumbnails: \(loaded.thumbnails.width)x\(loaded.thumbnails.height)")
        guard let graph = loaded.graph else {
            print("search: exact (every code; no --ann graph)")
            return
        }
        let parameters = graph.parameters
        print("search: hnsw graph, m \(parameters.m), ef-construction \(parameters.efConstruction)")
        if let recall = loaded.graphRecall {
            print(
                String(
                    format: "recall@%d: %.4f against exact search at ef %d, measured at build on %d indexed images",
                    recall.k, recall.value, recall.ef, recall.queries))
        }
    }
}
