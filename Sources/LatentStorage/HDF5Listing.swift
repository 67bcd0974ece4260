/// A printable tree of an HDF5 file's datasets with their shapes, for `latent inspect`.
public enum HDF5Listing {
    public static func describe(_ path: String) throws -> String {
        let file = try HDF5File.open(path)
        var lines: [String] = [path]
        for name in ["format", "architecture", "seed", "metadata"] {
            if let value = try? file.stringAttribute(name) { lines.append("@\(name) = \(value)") }
        }
        for name in ["format_version", "epoch"] {
            if let value = try? file.integerAttribute(name) { lines.append("@\(name) = \(value)") }
        }
        var total = 0
        for objectPath in file.datasetPaths() {
            let shape = (try? file.shape(at: objectPath)).map { "(" + $0.map(String.init).joined(separator: ", ") + ")" } ?? "(not float32)"
            let depth = objectPath.split(separator: "/").count - 1
            lines.append(String(repeating: "  ", count: depth) + objectPath + "  float32 " + shape)
            total += (try? file.shape(at: objectPath).reduce(1, *)) ?? 0
        }
        lines.append("\(total) values")
        return lines.joined(separator: "\n")
    }
}
