import Foundation
import LatentCore
import LatentLinalg
import LatentNN
import LatentStorage

/// A model's weights, architecture and training position in one HDF5 file that h5py can read.
///
/// Layout: each tensor at `/model/` + its dotted path with dots as slashes (`encoder.0.weight` at
/// `/model/encoder/0/weight`), float32 with its shape; optimizer slots under `/optimizer/SLOT/...`;
/// each random layer's generator (xoshiro256** state, uint64 (4)) at `/generators/` + its dotted name
/// (`hidden.1.generator` at `/generators/hidden/1/generator`); where a training run stood under `/training`
/// (see `TrainingState`); an autoencoder's code density under `/code_density`; file attributes `format`, `format_version`, `kind` (see `ModelKind`), `architecture`
/// (JSON), `epoch`, `seed`, `metadata` (JSON), `frozen` (JSON array of the frozen parameters' dotted names).
public struct Checkpoint {
    public static let formatName = "latent-checkpoint"
    public static let formatVersion = 1

    public var architecture: LayerSpec
    /// What the model is for; `nil` when nothing tells (checkpoints of older versions without a task).
    public var kind: ModelKind?
    /// Parameters and buffers by dotted path.
    public var tensors: [String: Tensor]
    public var epoch: Int
    public var seed: UInt64
    public var optimizer: OptimizerState?
    /// Free-form facts about the run (input shape, dataset, ...).
    public var metadata: [String: String]
    /// The dotted names of the parameters that do not train; `nil` for a file that does not record them (older).
    public var frozen: [String]?
    /// Each random layer's generator by dotted name (`hidden.1.generator`); `nil` for a file that does not record
    /// them (older), which leaves a rebuilt model's generators as building made them.
    public var generators: [String: SeededGenerator]?
    /// Where the training run stood, which `Trainer.resume` continues from; `nil` for a model saved outside training.
    public var training: TrainingState?
    /// A density fitted to an autoencoder's training codes (a regularised autoencoder's), which its samples come from.
    public var codeDensity: GaussianMixture?
    /// The file it was loaded from, which errors about it name; `nil` for one made from a model.
    public internal(set) var source: String?

    /// Captures a copy of the model's (and optimizer's) current state. Without a `kind`, it is inferred from
    /// `metadata["task"]` and the architecture, as for checkpoints written before kinds were recorded.
    public init(
        model: any Layer, optimizer: (any Optimizer)? = nil, kind: ModelKind? = nil, epoch: Int = 0,
        seed: UInt64 = 0, metadata: [String: String] = [:]
    ) {
        architecture = model.spec
        self.kind = kind ?? ModelKind.inferred(task: metadata["task"], architecture: architecture)
        tensors = Dictionary(uniqueKeysWithValues: model.stateTensors.map { ($0.name, $0.tensor.copy()) })
        self.epoch = epoch
        self.seed = seed
        self.optimizer = optimizer?.state
        self.metadata = metadata
        frozen = model.frozenParameterNames
        generators = model.namedGenerators
    }

    /// A model as data (an architecture and its tensors by dotted path), as an index stores its encoder:
    /// `buildModel(inputShape:)` then checks and builds it as it does a file's.
    public init(architecture: LayerSpec, tensors: [String: Tensor]) {
        self.init(
            architecture: architecture, kind: nil, tensors: tensors, epoch: 0, seed: 0, optimizer: nil, metadata: [:])
    }

    init(
        architecture: LayerSpec, kind: ModelKind?, tensors: [String: Tensor], epoch: Int, seed: UInt64,
        optimizer: OptimizerState?, metadata: [String: String]
    ) {
        self.architecture = architecture
        self.kind = kind
        self.tensors = tensors
        self.epoch = epoch
        self.seed = seed
        self.optimizer = optimizer
        self.metadata = metadata
    }

    /// Writes the checkpoint through `AtomicFile`: any failure (a full disk included) leaves a previous file
    /// at `path` as it was. Weights that are not finite are refused, so that they never replace good ones.
    public func save(to path: String) throws {
        for (name, tensor) in tensors { try requireFinite(tensor, at: Checkpoint.objectPath(of: name), in: path) }
        // A folder that cannot be made is reported by the save itself, naming what is in the way.
        try? FileManager.default.createDirectory(atPath: AtomicFile.folder(of: path), withIntermediateDirectories: true)
        let file = try HDF5File.createInMemory(named: path)
        try write(into: file)
        try AtomicFile.write(try file.closeReturningImage(), to: path)
    }

    private func write(into file: HDF5File) throws {
        try file.setAttribute("format", Checkpoint.formatName)
        try file.setAttribute("format_version", Checkpoint.formatVersion)
        if let kind { try file.setAttribute("kind", kind.rawValue) }
        // Sorted keys: the same model gives the same bytes in every run (a dictionary's order changes per process).
        let sorted = JSONEncoder()
        sorted.outputFormatting = .sortedKeys
        try file.setAttribute("architecture", String(decoding: try sorted.encode(architecture), as: UTF8.self))
        try file.setAttribute("epoch", epoch)
        try file.setAttribute("seed", String(seed))
        try file.setAttribute("metadata", String(decoding: try sorted.encode(metadata), as: UTF8.self))
        if let frozen {
            try file.setAttribute("frozen", String(decoding: try JSONEncoder().encode(frozen), as: UTF8.self))
        }
        for (name, tensor) in tensors.sorted(by: { $0.key < $1.key }) {
            try file.write(tensor, at: Checkpoint.objectPath(of: name))
        }
        if let generators {
            // The group is written even when empty: it says the model has no random layer, not that the file is older.
            try file.createGroup(Checkpoint.generatorsGroup)
            for (name, generator) in generators.sorted(by: { $0.key < $1.key }) {
                try file.write(words: generator.stateWords, at: Checkpoint.generatorPath(of: name))
            }
        }
        try training?.write(into: file)
        try writeCodeDensity(into: file)
        if let optimizer {
            try file.createGroup("/optimizer")
            try file.setAttribute("kind", optimizer.kind, on: "/optimizer")
            try file.setAttribute("step", optimizer.step, on: "/optimizer")
            for (key, values) in optimizer.tensors.sorted(by: { $0.key < $1.key }) {
                let slot = key.prefix { $0 != "/" }
                let parameter = key.dropFirst(slot.count + 1)
                try file.write(
                    Tensor(shape: optimizer.shapes[key] ?? [values.count], scalars: values),
                    at: "/optimizer/\(slot)/" + parameter.replacingOccurrences(of: ".", with: "/"))
            }
        }
    }

    /// `/model/encoder/0/weight` for `encoder.0.weight`.
    public static func objectPath(of name: String) -> String {
        "/model/" + name.replacingOccurrences(of: ".", with: "/")
    }

    static let generatorsGroup = "/generators"

    /// `/generators/hidden/1/generator` for `hidden.1.generator`.
    public static func generatorPath(of name: String) -> String {
        generatorsGroup + "/" + name.replacingOccurrences(of: ".", with: "/")
    }

    static func dottedName(of objectPath: String) -> String {
        objectPath.split(separator: "/").dropFirst().joined(separator: ".")
    }
}
