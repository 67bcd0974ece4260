import LatentCore

extension Layer {
    /// A table like Keras's `summary()`: each layer's path, kind, output shape and parameter count, whether it
    /// trains, and the totals; sequential chains are opened, other blocks are one row. `inputShape` is one
    /// sample's shape (no batch axis).
    public func summary(inputShape: [Int]) throws -> String {
        var rows: [[String]] = [["layer", "kind", "output shape", "parameters", "trainable"]]
        var shape = inputShape
        func visit(_ layer: any Layer, path: String) throws {
            if let variational = layer as? VariationalAutoencoder {
                try visit(variational.encoder, path: path.isEmpty ? "encoder" : "\(path).encoder")
                shape = [variational.codeSize]  // the decoder reads a sampled code, not the encoder's statistics
                try visit(variational.decoder, path: path.isEmpty ? "decoder" : "\(path).decoder")
                return
            }
            if layer is Sequential {
                for child in layer.children {
                    try visit(child.layer, path: path.isEmpty ? child.name : "\(path).\(child.name)")
                }
                return
            }
            do { shape = try layer.spec.outputShape(for: shape) } catch let error as LatentError {
                throw LatentError("\(path): \(error.description)")
            }
            // A block whose children are not a chain (a residual block, concatenated branches) is one row.
            let parameters = layer.namedParameters.map(\.tensor)
            let trainable = parameters.filter(\.requiresGrad).count
            rows.append([
                path, layer.spec.summary, "(N, " + shape.map(String.init).joined(separator: ", ") + ")",
                String(parameters.reduce(0) { $0 + $1.count }),
                parameters.isEmpty ? "-" : trainable == parameters.count ? "yes" : trainable == 0 ? "frozen" : "partly",
            ])
        }
        try visit(self, path: "")
        let widths = rows[0].indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        var lines = rows.map { row in
            zip(row, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }.joined(separator: "  ")
        }
        lines.insert(String(repeating: "-", count: lines[0].count), at: 1)
        let counts = parameterCount
        lines.append(
            "parameters: \(counts.total) total, \(counts.trainable) trainable, \(counts.total - counts.trainable) frozen"
        )
        return lines.joined(separator: "\n")
    }
}
