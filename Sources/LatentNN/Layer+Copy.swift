import LatentCore

extension Layer {
    /// An independent layer with the same structure, the same parameter and buffer values, the same frozen
    /// parameters and its random layers' generators at the same positions, so that it trains exactly as this one
    /// would, and changing one never changes the other.
    public func copied() throws -> any Layer {
        var generator = SeededGenerator(seed: 0)
        let copy = try spec.build(using: &generator)
        for (source, destination) in zip(stateTensors, copy.stateTensors) {
            precondition(
                source.name == destination.name && source.tensor.shape == destination.tensor.shape,
                "copy of \(spec.summary): \(source.name) rebuilt as \(destination.name)")
            destination.tensor.copyValues(from: source.tensor)
        }
        try copy.setFrozenParameters(frozenParameterNames)
        try copy.restoreGenerators(namedGenerators)
        return copy
    }
}
