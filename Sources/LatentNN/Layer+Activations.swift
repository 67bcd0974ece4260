import LatentCore

extension Layer {
    /// The output of the descendant at a dotted `path` (`hidden`, `features.3`) for `input`: the layers
    /// before it run, the layers after it do not. Every block on the way must be a chain (`Sequential`), whose
    /// earlier children run first, or a block whose children all read its input (`Residual`, `Concatenate`).
    public func activations(at path: String, for input: Tensor) throws -> Tensor {
        let components = path.split(separator: ".").map(String.init)
        guard let first = components.first else { return self(input) }
        guard let index = children.firstIndex(where: { $0.name == first }) else {
            throw LatentError("no layer \(path); the layers are: \(layerPaths.joined(separator: ", "))")
        }
        var x = input
        if self is Sequential {
            for child in children[..<index] { x = child.layer(x) }
        } else if !(self is Residual || self is Concatenate) {
            throw LatentError(
                "\(spec.summary) does not pass its input to \(first) alone, so \(path) has no "
                    + "activations of its own for it")
        }
        let rest = components.dropFirst().joined(separator: ".")
        return rest.isEmpty ? children[index].layer(x) : try children[index].layer.activations(at: rest, for: x)
    }
}
