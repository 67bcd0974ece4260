import LatentCore
import LatentNN

extension Checkpoint {
    /// Copies the stored tensors into `model`'s parameters and buffers, in place.
    ///
    /// Strict (the default) requires the same names and shapes on both sides and otherwise lists
    /// every missing, unexpected and mis-shaped tensor. Non-strict loads the tensors whose names and
    /// shapes match, only those under `prefix` when given (e.g. `encoder` for transfer learning).
    /// Returns the names loaded.
    @discardableResult
    public func restore(into model: any Layer, strict: Bool = true, prefix: String? = nil) throws -> [String] {
        func selected(_ name: String) -> Bool {
            guard let prefix, !prefix.isEmpty else { return true }
            return name == prefix || name.hasPrefix(prefix + ".")
        }
        let targets = model.stateTensors.filter { selected($0.name) }
        let stored = tensors.filter { selected($0.key) }
        let targetNames = Set(targets.map(\.name))
        let missing = targets.map(\.name).filter { stored[$0] == nil }
        let unexpected = stored.keys.filter { !targetNames.contains($0) }.sorted()
        let misShaped = targets.compactMap { target -> String? in
            guard let tensor = stored[target.name], tensor.shape != target.tensor.shape else { return nil }
            return "\(target.name): file \(tensor.shape), model \(target.tensor.shape)"
        }
        if strict, !(missing.isEmpty && unexpected.isEmpty && misShaped.isEmpty) {
            var lines = ["the checkpoint does not fit this model"]
            if !missing.isEmpty { lines.append("missing from the file: " + missing.joined(separator: ", ")) }
            if !unexpected.isEmpty { lines.append("not in the model: " + unexpected.joined(separator: ", ")) }
            if !misShaped.isEmpty { lines.append("different shapes: " + misShaped.joined(separator: "; ")) }
            throw StorageError(lines.joined(separator: "\n  "))
        }
        var loaded: [String] = []
        for target in targets {
            guard let tensor = stored[target.name], tensor.shape == target.tensor.shape else { continue }
            target.tensor.pointer.update(from: tensor.pointer, count: tensor.count)
            loaded.append(target.name)
        }
        if loaded.isEmpty {
            throw StorageError("no tensor of the checkpoint fits the model\(prefix.map { " under \($0)" } ?? "")")
        }
        return loaded
    }

    /// Builds the stored architecture and loads every tensor into it.
    public func buildModel() throws -> any Layer {
        var generator = SeededGenerator(seed: seed)
        let model = try architecture.build(using: &generator)
        try restore(into: model)
        return model
    }
}
