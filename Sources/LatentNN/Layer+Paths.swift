import LatentCore

extension Layer {
    /// Every parameter of this layer and its descendants, with dotted paths, in a stable order.
    public var namedParameters: [NamedTensor] { collect(prefix: "") { $0.parameters } }

    /// Every buffer of this layer and its descendants, with dotted paths.
    public var namedBuffers: [NamedTensor] { collect(prefix: "") { $0.buffers } }

    /// Parameters and buffers together: everything a checkpoint stores for the model.
    public var stateTensors: [NamedTensor] { namedParameters + namedBuffers }

    /// The parameters an optimizer updates.
    public var trainableParameters: [NamedTensor] { namedParameters.filter { $0.tensor.requiresGrad } }

    /// The number of scalars in all parameters, and in the trainable ones.
    public var parameterCount: (total: Int, trainable: Int) {
        let all = namedParameters
        return (
            all.reduce(0) { $0 + $1.tensor.count },
            all.filter { $0.tensor.requiresGrad }.reduce(0) { $0 + $1.tensor.count }
        )
    }

    /// The descendant at a dotted path (`encoder.2`), or `nil`.
    public func layer(at path: String) -> (any Layer)? {
        var current: any Layer = self
        for component in path.split(separator: ".") where !component.isEmpty {
            guard let child = current.children.first(where: { $0.name == component }) else { return nil }
            current = child.layer
        }
        return current
    }

    /// The dotted paths of every descendant layer, depth first.
    public var layerPaths: [String] {
        var paths: [String] = []
        func visit(_ layer: any Layer, _ prefix: String) {
            for child in layer.children {
                let path = prefix.isEmpty ? child.name : "\(prefix).\(child.name)"
                paths.append(path)
                visit(child.layer, path)
            }
        }
        visit(self, "")
        return paths
    }

    /// Stops gradients and optimizer updates for every parameter whose path starts with `prefix`
    /// (whole components: `encoder` matches `encoder.0.weight`, not `encoder2.weight`); all when empty.
    /// Returns how many parameters it froze.
    @discardableResult
    public func freeze(prefix: String = "") -> Int { setRequiresGrad(false, prefix: prefix) }

    /// Undoes `freeze(prefix:)`.
    @discardableResult
    public func unfreeze(prefix: String = "") -> Int { setRequiresGrad(true, prefix: prefix) }

    /// Forgets every parameter's accumulated gradient.
    public func zeroGradients() {
        for parameter in namedParameters { parameter.tensor.zeroGrad() }
    }

    private func setRequiresGrad(_ value: Bool, prefix: String) -> Int {
        let matching = namedParameters.filter { prefix.isEmpty || $0.name == prefix || $0.name.hasPrefix(prefix + ".") }
        for parameter in matching {
            parameter.tensor.requiresGrad = value
            if !value { parameter.tensor.zeroGrad() }
        }
        return matching.count
    }

    private func collect(prefix: String, _ own: (any Layer) -> [NamedTensor]) -> [NamedTensor] {
        var result = own(self).map { (name: prefix + $0.name, tensor: $0.tensor) }
        for child in children {
            result += child.layer.collect(prefix: prefix + child.name + ".", own)
        }
        return result
    }
}
