import LatentCore

extension Layer {
    /// The generator of every random layer here and below, by dotted name: the layer's path and `generator`
    /// (`hidden.1.generator`; `generator` for this layer itself), like the names of parameters.
    public var namedGenerators: [String: SeededGenerator] {
        Dictionary(uniqueKeysWithValues: randomLayers.map { ($0.name, $0.layer.generator) })
    }

    /// Sets every random layer's generator from `generators`, which must name exactly this model's random layers
    /// (a checkpoint of another model would otherwise leave some generators where they were).
    public func restoreGenerators(_ generators: [String: SeededGenerator]) throws {
        let layers = randomLayers
        let names = Set(layers.map(\.name))
        let missing = names.subtracting(generators.keys).sorted()
        let unexpected = Set(generators.keys).subtracting(names).sorted()
        guard missing.isEmpty, unexpected.isEmpty else {
            var parts = ["the random generators do not fit this model"]
            if !missing.isEmpty { parts.append("missing: " + missing.joined(separator: ", ")) }
            if !unexpected.isEmpty { parts.append("not in the model: " + unexpected.joined(separator: ", ")) }
            throw LatentError(parts.joined(separator: "; "))
        }
        for (name, layer) in layers {
            guard let generator = generators[name] else { continue }
            layer.generator = generator
        }
    }

    /// Every random layer here and below with its generator's dotted name, depth first.
    private var randomLayers: [(name: String, layer: any RandomLayer)] {
        var found: [(name: String, layer: any RandomLayer)] = []
        func visit(_ layer: any Layer, _ prefix: String) {
            if let random = layer as? any RandomLayer { found.append((prefix + "generator", random)) }
            for child in layer.children { visit(child.layer, prefix + child.name + ".") }
        }
        visit(self, "")
        return found
    }
}
