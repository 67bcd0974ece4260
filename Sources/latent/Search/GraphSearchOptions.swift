import ArgumentParser
import LatentRetrieval
import LatentSearch

/// `--ann-ef` for the commands that search an index: how widely its HNSW graph is searched.
struct GraphSearchOptions: ParsableArguments {
    @Option(
        name: .customLong("ann-ef"), parsing: .unconditional,
        help: "For an index built with --ann hnsw: candidates explored per query (default 64); more, better recall.")
    var ef: Int?

    func validate() throws {
        if let ef { try OptionChecks.require(ef, in: HNSWGraph.Parameters.efRange, "--ann-ef") }
    }

    /// Refuses --ann-ef for an index without a graph, which would silently ignore it.
    func check(_ index: ImageIndex, at path: String) throws {
        if ef != nil && index.graph == nil {
            throw ValidationError("--ann-ef: \(path) has no HNSW graph (built without --ann hnsw); its search is exact")
        }
    }
}
