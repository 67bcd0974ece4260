import LatentCore

extension Layer {
    /// The output of the descendant at a dotted `path` (`hidden`, `features.3`) for `input`: the layers
    /// before it run, the layers after it do not. The model must be a chain of `Sequential` layers down to it.
    public func activations(at path: String, for input: Tensor) throws -> Tensor {
        let components = path.split(separator: ".").map(String.init)
        guard let first = components.first else { return self(input) }
        guard !(self is VariationalAutoencoder), let index = children.firstIndex(where: { $0.name == first }) else {
            throw LatentError("no layer \(path); the layers are: \(layerPaths.joined(separator: ", "))")
        }
        var x = input
        for child in children[..<index] { x = child.layer(x) }
        let rest = components.dropFirst().joined(separator: ".")
        return rest.isEmpty ? children[index].layer(x) : try children[index].layer.activations(at: rest, for: x)
    }
}
