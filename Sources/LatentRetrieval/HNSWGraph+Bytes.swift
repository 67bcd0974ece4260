import CHNSW
import Foundation
import LatentCore

extension HNSWGraph {
    /// The graph in hnswlib's file format, its rows included, to be stored inside another file.
    public func serialized() throws -> [UInt8] {
        try HNSWGraph.withTemporaryFile { path in
            if let failure = HNSWGraph.failure({ latent_hnsw_save(graph, path, $0, $1) == 0 }) {
                throw LatentError("save the HNSW graph: \(failure)")
            }
            guard let data = FileManager.default.contents(atPath: path) else {
                throw LatentError("save the HNSW graph: cannot read back \(path)")
            }
            return [UInt8](data)
        }
    }

    /// A graph from the bytes `serialized()` gave, refused unless it holds `count` rows of `dimension` values and
    /// every link stays inside it.
    ///
    /// - Parameters:
    ///   - bytes: hnswlib's file format.
    ///   - metric: the distance the graph was built for.
    ///   - count: the rows the graph must hold, labelled 0 to count - 1.
    ///   - dimension: values per row.
    public convenience init(serialized bytes: [UInt8], metric: DistanceMetric, count: Int, dimension: Int) throws {
        guard count > 0, count < Int(Int32.max), dimension > 0 else {
            throw LatentError("an HNSW graph of \(count) rows of \(dimension) values")
        }
        let graph = try HNSWGraph.withTemporaryFile { path in
            guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else {
                throw LatentError("load the HNSW graph: cannot write \(path)")
            }
            return try HNSWGraph.calling("load the HNSW graph") { error, size in
                latent_hnsw_load(path, HNSWGraph.space(metric), dimension, count, error, size)
            }
        }
        self.init(loaded: graph, metric: metric, count: count, dimension: dimension)
    }

    /// hnswlib reads and writes files only: `body` gets the path of a new private file, removed afterwards.
    private static func withTemporaryFile<Result>(_ body: (String) throws -> Result) throws -> Result {
        var template = Array(
            (NSTemporaryDirectory() as NSString).appendingPathComponent("latent-hnsw-XXXXXX").utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else {
            throw LatentError(
                "cannot make a temporary file in \(NSTemporaryDirectory()): \(String(cString: strerror(errno)))")
        }
        close(descriptor)
        let path = String(cString: template)
        defer { unlink(path) }
        return try body(path)
    }
}
