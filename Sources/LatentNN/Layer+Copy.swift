import LatentCore

extension Layer {
    /// An independent layer with the same structure and the same parameter and buffer values
    /// (all trainable), so that changing one never changes the other.
    public func copied() throws -> any Layer {
        var generator = SeededGenerator(seed: 0)
        let copy = try spec.build(using: &generator)
        for (source, destination) in zip(stateTensors, copy.stateTensors) {
            precondition(source.name == destination.name && source.tensor.shape == destination.tensor.shape,
                         "copy of \(spec.summary): \(source.name) rebuilt as \(destination.name)")
            destination.tensor.pointer.update(from: source.tensor.pointer, count: source.tensor.count)
        }
        return copy
    }
}
