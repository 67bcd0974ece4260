import Foundation
import LatentCore
import LatentNN

/// A model's weights, architecture and training position in one HDF5 file that h5py can read.
///
/// Layout: each tensor at `/model/` + its dotted path with dots as slashes (`encoder.0.weight` at
/// `/model/encoder/0/weight`), float32 with its shape; optimizer slots under `/optimizer/SLOT/...`;
/// file attributes `format`, `format_version`, `architecture` (JSON), `epoch`, `seed`, `metadata` (JSON).
public struct Checkpoint {
    public static let formatName = "latent-checkpoint"
    public static let formatVersion = 1

    public var architecture: LayerSpec
    /// Parameters and buffers by dotted path.
    public var tensors: [String: Tensor]
    public var epoch: Int
    public var seed: UInt64
    public var optimizer: OptimizerState?
    /// Free-form facts about the run (input shape, dataset, ...).
    public var metadata: [String: String]

    /// Captures a copy of the model's (and optimizer's) current state.
    public init(model: any Layer, optimizer: (any Optimizer)? = nil, epoch: Int = 0, seed: UInt64 = 0,
                metadata: [String: String] = [:]) {
        architecture = model.spec
        tensors = Dictionary(uniqueKeysWithValues: model.stateTensors.map { ($0.name, $0.tensor.copy()) })
        self.epoch = epoch
        self.seed = seed
        self.optimizer = optimizer?.state
        self.metadata = metadata
    }

    /// Writes the checkpoint to a temporary file beside `path`, then renames it into place, so that an
    /// interrupted save leaves any previous file at `path` intact.
    public func save(to path: String) throws {
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty { try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) }
        let temporary = path + ".tmp-\(ProcessInfo.processInfo.processIdentifier)"
        do {
            try write(to: temporary)
            guard rename(temporary, path) == 0 else {
                throw StorageError("\(path): cannot move the new checkpoint into place: \(String(cString: strerror(errno)))")
            }
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            throw error
        }
    }

    private func write(to path: String) throws {
        let file = try HDF5File.create(path)
        try file.setAttribute("format", Checkpoint.formatName)
        try file.setAttribute("format_version", Checkpoint.formatVersion)
        try file.setAttribute("architecture", String(decoding: try JSONEncoder().encode(architecture), as: UTF8.self))
        try file.setAttribute("epoch", epoch)
        try file.setAttribute("seed", String(seed))
        let sortedMetadata = JSONEncoder()
        sortedMetadata.outputFormatting = .sortedKeys
        try file.setAttribute("metadata", String(decoding: try sortedMetadata.encode(metadata), as: UTF8.self))
        for (name, tensor) in tensors.sorted(by: { $0.key < $1.key }) {
            try file.write(tensor, at: Checkpoint.objectPath(of: name))
        }
        if let optimizer {
            try file.createGroup("/optimizer")
            try file.setAttribute("kind", optimizer.kind, on: "/optimizer")
            try file.setAttribute("step", optimizer.step, on: "/optimizer")
            for (key, values) in optimizer.tensors.sorted(by: { $0.key < $1.key }) {
                let slot = key.prefix { $0 != "/" }
                let parameter = key.dropFirst(slot.count + 1)
                try file.write(Tensor(shape: optimizer.shapes[key] ?? [values.count], scalars: values),
                               at: "/optimizer/\(slot)/" + parameter.replacingOccurrences(of: ".", with: "/"))
            }
        }
    }

    /// Reads a checkpoint written by `save(to:)`.
    public static func load(from path: String) throws -> Checkpoint {
        let file = try HDF5File.open(path)
        guard try file.stringAttribute("format") == formatName else {
            throw StorageError("\(path): an HDF5 file, but not a Latent checkpoint (no format attribute \"\(formatName)\")")
        }
        guard let version = try file.integerAttribute("format_version"), version <= formatVersion else {
            throw StorageError("\(path): checkpoint format version is newer than this Latent reads (\(formatVersion))")
        }
        guard let json = try file.stringAttribute("architecture"),
              let architecture = try? JSONDecoder().decode(LayerSpec.self, from: Data(json.utf8)) else {
            throw StorageError("\(path): the architecture attribute is missing or is not a valid layer description")
        }
        var tensors: [String: Tensor] = [:]
        for objectPath in file.datasetPaths(under: "/model") {
            tensors[dottedName(of: objectPath)] = try file.read(objectPath)
        }
        var optimizer: OptimizerState?
        if file.exists("/optimizer"), let kind = try file.stringAttribute("kind", on: "/optimizer") {
            var slots: [String: Tensor] = [:]
            for objectPath in file.datasetPaths(under: "/optimizer") {
                let components = objectPath.split(separator: "/").dropFirst()
                slots["\(components.first!)/" + components.dropFirst().joined(separator: ".")] = try file.read(objectPath)
            }
            optimizer = OptimizerState(kind: kind, step: try file.integerAttribute("step", on: "/optimizer") ?? 0, tensors: slots)
        }
        let metadataJSON = try file.stringAttribute("metadata") ?? "{}"
        var checkpoint = Checkpoint(architecture: architecture, tensors: tensors)
        checkpoint.epoch = try file.integerAttribute("epoch") ?? 0
        checkpoint.seed = UInt64(try file.stringAttribute("seed") ?? "0") ?? 0
        checkpoint.optimizer = optimizer
        checkpoint.metadata = (try? JSONDecoder().decode([String: String].self, from: Data(metadataJSON.utf8))) ?? [:]
        return checkpoint
    }

    private init(architecture: LayerSpec, tensors: [String: Tensor]) {
        self.architecture = architecture
        self.tensors = tensors
        epoch = 0
        seed = 0
        metadata = [:]
    }

    /// `/model/encoder/0/weight` for `encoder.0.weight`.
    public static func objectPath(of name: String) -> String { "/model/" + name.replacingOccurrences(of: ".", with: "/") }

    private static func dottedName(of objectPath: String) -> String {
        objectPath.split(separator: "/").dropFirst().joined(separator: ".")
    }
}
