import Foundation
import LatentCore
import LatentNN
import LatentStorage

extension Checkpoint {
    /// Reads a checkpoint written by `save(to:)`, refusing non-finite weights.
    ///
    /// - Parameters:
    ///   - path: the HDF5 file to read.
    ///   - kinds: what the caller can use; a checkpoint of another kind is refused before its tensors are read,
    ///     with a message naming the file, what it holds and what `command` needs. Empty: any kind.
    ///     A checkpoint whose kind is unknown (older, without a task) is let through.
    ///   - command: the command or purpose, for that message (`predict`).
    public static func load(
        from path: String, requiring kinds: [ModelKind] = [], for command: String = "this command"
    )
        throws -> Checkpoint
    {
        let file = try HDF5File.open(path)
        guard try file.stringAttribute("format") == formatName else {
            throw LatentError(
                "\(path): an HDF5 file, but not a Latent checkpoint (no format attribute \"\(formatName)\")")
        }
        guard let version = try file.integerAttribute("format_version"), version <= formatVersion else {
            throw LatentError("\(path): checkpoint format version is newer than this Latent reads (\(formatVersion))")
        }
        guard let json = try file.stringAttribute("architecture") else {
            throw LatentError("\(path): the architecture attribute is missing")
        }
        let architecture: LayerSpec
        do { architecture = try LayerSpec.decoded(fromJSON: json) } catch let error as LatentError {
            throw LatentError("\(path): the architecture attribute is \(error.description)")
        }
        let metadata = try readMetadata(file)
        let kind = try readKind(file, metadata: metadata, architecture: architecture)
        if !kinds.isEmpty, let kind, !kinds.contains(kind) {
            throw LatentError("\(path) holds \(kind.phrase); \(command) needs \(ModelKind.phrase(kinds))")
        }
        let epoch = try file.integerAttribute("epoch") ?? 0
        guard epoch >= 0 else { throw LatentError("\(path): the epoch attribute is negative (\(epoch))") }
        let seedText = try file.stringAttribute("seed") ?? "0"
        guard let seed = UInt64(seedText) else {
            throw LatentError("\(path): the seed attribute \"\(seedText)\" is not a number")
        }

        var tensors: [String: Tensor] = [:]
        for objectPath in try file.datasetPaths(under: "/model") {
            let tensor = try file.read(objectPath)
            try requireFinite(tensor, at: objectPath, in: path)
            tensors[dottedName(of: objectPath)] = tensor
        }
        var checkpoint = Checkpoint(
            architecture: architecture, kind: kind, tensors: tensors, epoch: epoch, seed: seed,
            optimizer: try readOptimizer(file), metadata: metadata)
        checkpoint.frozen = try readFrozen(file)
        checkpoint.generators = try readGenerators(file)
        checkpoint.training = try TrainingState.read(from: file)
        checkpoint.codeDensity = try readCodeDensity(file)
        checkpoint.source = path
        return checkpoint
    }

    /// The frozen parameters' names, `nil` when the file does not record them.
    private static func readFrozen(_ file: HDF5File) throws -> [String]? {
        guard let json = try file.stringAttribute("frozen") else { return nil }
        guard let names = try? JSONDecoder().decode([String].self, from: Data(json.utf8)) else {
            throw LatentError("\(file.name): the frozen attribute is not a JSON array of parameter names")
        }
        return names
    }

    /// The random layers' generators by dotted name, `nil` when the file has no `/generators` group.
    private static func readGenerators(_ file: HDF5File) throws -> [String: SeededGenerator]? {
        guard file.exists(generatorsGroup) else { return nil }
        var generators: [String: SeededGenerator] = [:]
        for objectPath in try file.datasetPaths(under: generatorsGroup) {
            generators[dottedName(of: objectPath)] = try readGenerator(objectPath, in: file)
        }
        return generators
    }

    private static func readMetadata(_ file: HDF5File) throws -> [String: String] {
        guard let json = try file.stringAttribute("metadata") else { return [:] }
        guard let metadata = try? JSONDecoder().decode([String: String].self, from: Data(json.utf8)) else {
            throw LatentError("\(file.name): the metadata attribute is not a JSON object of strings")
        }
        return metadata
    }

    private static func readKind(
        _ file: HDF5File, metadata: [String: String], architecture: LayerSpec
    ) throws -> ModelKind? {
        guard let text = try file.stringAttribute("kind") else {
            return ModelKind.inferred(task: metadata["task"], architecture: architecture)
        }
        guard let kind = ModelKind(rawValue: text) else {
            throw LatentError(
                "\(file.name): unknown model kind \"\(text)\" (known: "
                    + ModelKind.allCases.map(\.rawValue).joined(separator: ", ") + ")")
        }
        return kind
    }

    /// Adam's moments or SGD's velocities, keyed `SLOT/PARAMETER.PATH`, when the file has them.
    private static func readOptimizer(_ file: HDF5File) throws -> OptimizerState? {
        guard file.exists("/optimizer"), let kind = try file.stringAttribute("kind", on: "/optimizer") else {
            return nil
        }
        var slots: [String: Tensor] = [:]
        for objectPath in try file.datasetPaths(under: "/optimizer") {
            let components = objectPath.split(separator: "/").dropFirst()
            guard let slot = components.first, components.count >= 2 else {
                throw LatentError("\(file.name): \(objectPath) is not under an optimizer slot (/optimizer/SLOT/...)")
            }
            let tensor = try file.read(objectPath)
            try requireFinite(tensor, at: objectPath, in: file.name)
            slots["\(slot)/" + components.dropFirst().joined(separator: ".")] = tensor
        }
        return OptimizerState(
            kind: kind, step: try file.integerAttribute("step", on: "/optimizer") ?? 0, tensors: slots)
    }
}
