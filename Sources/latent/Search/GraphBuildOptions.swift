import ArgumentParser
import Foundation
import LatentRetrieval

/// `index build --ann hnsw --ann-m M --ann-ef-construction EF`: an HNSW graph in the index, searched instead of
/// every code.
struct GraphBuildOptions: ParsableArguments {
    /// The approximate searches an index can hold.
    enum Kind: String, ExpressibleByArgument, CaseIterable {
        case hnsw
    }

    @Option(help: "Add an approximate search graph: hnsw (hnswlib). Without it, search is exact.")
    var ann: Kind?

    @Option(name: .customLong("ann-m"), parsing: .unconditional, help: "With --ann: links per node (default 16).")
    var m: Int?

    @Option(
        name: .customLong("ann-ef-construction"), parsing: .unconditional,
        help: "With --ann: candidates kept while building (default 200); more, better recall and a slower build.")
    var efConstruction: Int?

    func validate() throws {
        for (option, given) in [("--ann-m", m != nil), ("--ann-ef-construction", efConstruction != nil)]
        where given && ann == nil {
            throw ValidationError("\(option) needs --ann hnsw")
        }
        if let m { try OptionChecks.require(m, in: HNSWGraph.Parameters.mRange, "--ann-m") }
        if let efConstruction {
            try OptionChecks.require(efConstruction, in: HNSWGraph.Parameters.efRange, "--ann-ef-construction")
        }
    }

    /// `index` with the graph asked for, its build time and recall printed; `index` itself without --ann.
    func adding(to index: ImageIndex) throws -> ImageIndex {
        guard ann != nil else { return index }
        let defaults = HNSWGraph.Parameters()
        let parameters = HNSWGraph.Parameters(
            m: m ?? defaults.m, efConstruction: efConstruction ?? defaults.efConstruction)
        var withGraph = index
        let seconds = try secondsTaken { withGraph = try index.withGraph(parameters) }
        if let recall = withGraph.graphRecall {
            print(
                String(
                    format: "hnsw graph (m %d, ef-construction %d) built in %.1f s; recall@%d %.4f against exact "
                        + "search at ef %d (%d indexed images as queries)",
                    parameters.m, parameters.efConstruction, seconds, recall.k, recall.value, recall.ef,
                    recall.queries))
        }
        return withGraph
    }
}
