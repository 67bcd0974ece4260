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
            var parts = ["the checkpoint does not fit this model"]
            if !missing.isEmpty { parts.append("missing from the file: " + missing.joined(separator: ", ")) }
            if !unexpected.isEmpty { parts.append("not in the model: " + unexpected.joined(separator: ", ")) }
            if !misShaped.isEmpty { parts.append("different shapes: " + misShaped.joined(separator: "; ")) }
            throw LatentError(named(parts.joined(separator: "; ")))
        }
        var loaded: [String] = []
        for target in targets {
            guard let tensor = stored[target.name], tensor.shape == target.tensor.shape else { continue }
            target.tensor.copyValues(from: tensor)
            loaded.append(target.name)
        }
        if loaded.isEmpty {
            throw LatentError(named("no tensor of the checkpoint fits the model\(prefix.map { " under \($0)" } ?? "")"))
        }
        return loaded
    }

    /// Restores the whole model as it was saved: every tensor (strictly), which parameters are frozen and where
    /// each random layer's generator stood. What an older file does not record stays as the model has it.
    public func restoreAll(into model: any Layer) throws {
        try restore(into: model)
        do {
            if let frozen { try model.setFrozenParameters(frozen) }
            if let generators { try model.restoreGenerators(generators) }
        } catch let error as LatentError {
            throw LatentError(named(error.description))
        }
    }

    /// Builds the stored architecture and restores everything into it (`restoreAll`).
    ///
    /// - Parameter inputShape: one sample's shape as the caller's data has it (`[784]`); when given, a model
    ///   made for other inputs is refused here, naming the file and both shapes, instead of failing mid-run.
    public func buildModel(inputShape: [Int]? = nil) throws -> any Layer {
        // Building allocates what the architecture describes, and a damaged description must not ask for terabytes.
        // A small mismatch is left to `restore`, which names each tensor that differs.
        let storedCount = tensors.values.reduce(0) { $0 + $1.count }
        let expected = architecture.storedScalarCount
        guard let expected, expected <= storedCount + Checkpoint.buildMargin else {
            throw LatentError(
                named(
                    "the architecture calls for "
                        + (expected.map { "\($0) stored values" } ?? "more values than memory can hold")
                        + " but the file holds \(storedCount); the checkpoint is damaged"))
        }
        if let inputShape {
            do {
                _ = try architecture.outputShape(for: inputShape)
            } catch {
                throw LatentError(named("the model does not take samples of shape \(inputShape): \(error)"))
            }
        }
        var generator = SeededGenerator(seed: seed)
        let model = try architecture.build(using: &generator)
        try restoreAll(into: model)
        return model
    }

    /// How many values beyond those in the file building may allocate (64 MB of float32).
    static let buildMargin = 1 << 24

    /// `message` prefixed with the file it was loaded from, when there is one.
    func named(_ message: String) -> String { source.map { "\($0): \(message)" } ?? message }
}
