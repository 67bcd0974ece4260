import Foundation

/// A printable tree of an HDF5 file's datasets with their types and shapes, for `latent inspect`.
public enum HDF5Listing {
    public static func describe(_ path: String) throws -> String {
        let file = try HDF5File.open(path)
        var lines: [String] = [path]
        for name in ["format", "kind", "architecture", "seed", "metadata"] {
            if let value = try? file.stringAttribute(name) { lines.append("@\(name) = \(value)") }
        }
        for name in ["format_version", "epoch"] {
            if let value = try? file.integerAttribute(name) { lines.append("@\(name) = \(value)") }
        }
        // A sum of Doubles: the dimensions of a damaged file may overflow any integer, and this only prints them.
        var total = 0.0
        for objectPath in try file.datasetPaths() {
            let depth = objectPath.split(separator: "/").count - 1
            let layout = try file.layout(at: objectPath)
            let shape = "(" + layout.dimensions.map(String.init).joined(separator: ", ") + ")"
            lines.append(String(repeating: "  ", count: depth) + objectPath + "  \(layout.type) " + shape)
            total += layout.dimensions.reduce(1.0) { $0 * Double($1) }
        }
        lines.append((total < 9e15 ? String(Int(total)) : String(format: "%.3g", total)) + " values")
        return lines.joined(separator: "\n")
    }
}
