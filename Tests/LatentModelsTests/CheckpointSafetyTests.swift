import Foundation
import LatentCore
import LatentNN
import LatentStorage
import LatentTestSupport
import Testing

@testable import LatentModels

/// What a checkpoint records about itself, and what loading and saving refuse.
@Suite final class CheckpointSafetyTests {
    let directory: String
    init() throws { directory = try TestData.scratchDirectory() }
    deinit { try? FileManager.default.removeItem(atPath: directory) }
    func path(_ name: String) -> String { (directory as NSString).appendingPathComponent(name) }

    static let autoencoderSpec = LayerSpec.named(layers: [
        NamedLayerSpec("encoder", .sequential(layers: [.linear(inputs: 6, outputs: 2)])),
        NamedLayerSpec("decoder", .sequential(layers: [.linear(inputs: 2, outputs: 6), .sigmoid])),
    ])
    static let classifierSpec = LayerSpec.named(layers: [
        NamedLayerSpec("hidden", .sequential(layers: [.linear(inputs: 6, outputs: 3), .relu])),
        NamedLayerSpec("head", .linear(inputs: 3, outputs: 2)),
    ])

    static func model(_ spec: LayerSpec) throws -> any Layer {
        var generator = SeededGenerator(seed: 5)
        return try spec.build(using: &generator)
    }

    @Test(arguments: ModelKind.allCases)
    func theKindSurvivesARoundTrip(kind: ModelKind) throws {
        try Checkpoint(model: try Self.model(Self.classifierSpec), kind: kind).save(to: path("a.h5"))
        #expect(try Checkpoint.load(from: path("a.h5")).kind == kind)
        #expect(try HDF5Listing.describe(path("a.h5")).contains("@kind = \(kind.rawValue)"))
    }

    @Test(
        arguments: [
            ("autoencoder", autoencoderSpec, ModelKind.autoencoder),
            ("autoencoder", LayerSpec.sequential(layers: [.linear(inputs: 6, outputs: 2)]), .encoder),
            ("classifier", classifierSpec, .classifier),
            ("transfer", classifierSpec, .transferHead),
            (nil, autoencoderSpec, .autoencoder),
        ] as [(String?, LayerSpec, ModelKind?)])
    func olderCheckpointsInferTheirKindFromTheTask(task: String?, spec: LayerSpec, expected: ModelKind?) throws {
        var checkpoint = Checkpoint(model: try Self.model(spec), metadata: task.map { ["task": $0] } ?? [:])
        checkpoint.kind = nil  // as written before kinds were recorded
        try checkpoint.save(to: path("old.h5"))
        #expect(!(try HDF5Listing.describe(path("old.h5")).contains("@kind")))
        #expect(try Checkpoint.load(from: path("old.h5")).kind == expected)
    }

    @Test func withoutATaskOrADecoderTheKindIsUnknownAndAnyCommandMayTry() throws {
        var checkpoint = Checkpoint(model: try Self.model(Self.classifierSpec))
        checkpoint.kind = nil
        try checkpoint.save(to: path("old.h5"))
        let loaded = try Checkpoint.load(from: path("old.h5"), requiring: [.autoencoder], for: "encode")
        #expect(loaded.kind == nil)
    }

    @Test func aCommandRefusesAnotherKindNamingTheFileItsKindAndTheNeed() throws {
        try Checkpoint(model: try Self.model(Self.autoencoderSpec), metadata: ["task": "autoencoder"]).save(
            to: path("ae.h5"))
        #expect(
            throws: LatentError("\(path("ae.h5")) holds an autoencoder; predict needs a classifier or a transfer head")
        ) {
            try Checkpoint.load(from: self.path("ae.h5"), requiring: [.classifier, .transferHead], for: "predict")
        }
        #expect(try Checkpoint.load(from: path("ae.h5"), requiring: [.autoencoder], for: "encode").kind == .autoencoder)
    }

    @Test func nonFiniteWeightsAreNeverSaved() throws {
        let model = try Self.model(Self.classifierSpec)
        try Checkpoint(model: model).save(to: path("a.h5"))
        let before = try Data(contentsOf: URL(fileURLWithPath: path("a.h5")))
        model.stateTensors.first { $0.name == "head.weight" }!.tensor[element: 4] = -.infinity
        #expect(
            throws: LatentError(
                "\(path("a.h5")): /model/head/weight holds 1 of 6 values that are not finite (-inf); the file is unusable"
            )
        ) {
            try Checkpoint(model: model).save(to: self.path("a.h5"))
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path("a.h5"))) == before)
    }

    @Test(.enabled(if: Python.has("h5py"), "needs h5py (bash scripts/setup-python.sh)"))
    func nonFiniteWeightsAreRefusedOnLoadNamingTheTensor() throws {
        try Checkpoint(model: try Self.model(Self.classifierSpec)).save(to: path("a.h5"))
        try Python.run(
            """
            import h5py, numpy, sys
            with h5py.File(sys.argv[1], "r+") as f:
                f["model/hidden/0/weight"][1, 2] = numpy.nan
                f["model/hidden/0/weight"][2, 5] = numpy.nan
            """, arguments: [path("a.h5")])
        #expect(
            throws: LatentError(
                "\(path("a.h5")): /model/hidden/0/weight holds 2 of 18 values that are not finite (nan); the file is unusable"
            )
        ) {
            try Checkpoint.load(from: self.path("a.h5"))
        }
    }

    @Test(
        .enabled(if: Python.has("h5py"), "needs h5py (bash scripts/setup-python.sh)"),
        arguments: [
            ("(1 << 40, 1 << 20)", "needs 1152921504606846976 float32 values, more than the file's"),
            ("(1 << 62, 1 << 62)", "is too large to address"),
        ])
    func dimensionsTheFileCannotHoldAreRefusedBeforeAllocating(shape: String, message: String) throws {
        try Checkpoint(model: try Self.model(Self.classifierSpec)).save(to: path("a.h5"))
        try Python.run(
            """
            import h5py, numpy, sys
            with h5py.File(sys.argv[1], "r+") as f:
                del f["model/head/weight"]
                f.create_dataset("model/head/weight", shape=\(shape), dtype=numpy.float32, chunks=(1, 1))
            """, arguments: [path("a.h5")])
        #expect {
            try Checkpoint.load(from: self.path("a.h5"))
        } throws: { error in
            "\(error)".hasPrefix("\(self.path("a.h5")): dataset /model/head/weight of shape ")
                && "\(error)".contains(message)
        }
    }

    @Test(.enabled(if: Python.has("h5py"), "needs h5py (bash scripts/setup-python.sh)"))
    func h5pyStringAttributesAndFloat64ListingsReadHonestly() throws {
        try Checkpoint(model: try Self.model(Self.classifierSpec), metadata: ["task": "classifier"]).save(
            to: path("a.h5"))
        // h5py writes str attributes as variable-length strings; users editing a checkpoint in Python get those.
        try Python.run(
            """
            import h5py, numpy, sys
            with h5py.File(sys.argv[1], "r+") as f:
                for key in ["format", "architecture", "metadata", "kind", "seed"]:
                    f.attrs[key] = f.attrs[key].decode()
                f["extra"] = numpy.zeros((2, 3), dtype=numpy.float64)
            """, arguments: [path("a.h5")])
        #expect(try Checkpoint.load(from: path("a.h5")).kind == .classifier)
        #expect(try HDF5Listing.describe(path("a.h5")).contains("/extra  float64 (2, 3)"))
    }

    @Test(.enabled(if: Python.has("h5py"), "needs h5py (bash scripts/setup-python.sh)"))
    func anAttributeHoldingManyValuesIsRefused() throws {
        try Checkpoint(model: try Self.model(Self.classifierSpec)).save(to: path("a.h5"))
        try Python.run(
            """
            import h5py, numpy, sys
            with h5py.File(sys.argv[1], "r+") as f:
                f.attrs.create("epoch", numpy.arange(1000, dtype=numpy.int64))
            """, arguments: [path("a.h5")])
        #expect(throws: LatentError("\(path("a.h5")): attribute epoch on / holds 1000 values, not one")) {
            try Checkpoint.load(from: self.path("a.h5"))
        }
    }

    @Test func aDirectoryOrAnEmptyFileIsNamedAsSuch() throws {
        try FileManager.default.createDirectory(atPath: path("run"), withIntermediateDirectories: false)
        #expect(throws: LatentError("\(path("run")): is a directory, not an HDF5 file")) {
            try Checkpoint.load(from: self.path("run"))
        }
        #expect(FileManager.default.createFile(atPath: path("empty.h5"), contents: Data()))
        #expect(throws: LatentError("\(path("empty.h5")): the file is empty (0 bytes), not an HDF5 file")) {
            try Checkpoint.load(from: self.path("empty.h5"))
        }
    }

    @Test(.enabled(if: getuid() != 0, "root reads any file: run the tests as a user to check permissions"))
    func anUnreadableFileSaysPermissionDenied() throws {
        try Checkpoint(model: try Self.model(Self.classifierSpec)).save(to: path("a.h5"))
        chmod(path("a.h5"), 0)
        #expect(throws: LatentError("\(path("a.h5")): permission denied")) {
            try Checkpoint.load(from: self.path("a.h5"))
        }
    }

    @Test func anArchitectureAskingForMoreThanTheFileHoldsIsNotBuilt() throws {
        var checkpoint = Checkpoint(model: try Self.model(Self.classifierSpec))
        checkpoint.architecture = .named(layers: [NamedLayerSpec("head", .linear(inputs: 1 << 31, outputs: 1 << 31))])
        try checkpoint.save(to: path("a.h5"))
        #expect(
            throws: LatentError(
                "\(path("a.h5")): the architecture calls for 4611686020574871552 stored values "
                    + "but the file holds 29; the checkpoint is damaged")
        ) {
            try Checkpoint.load(from: self.path("a.h5")).buildModel()
        }
    }

    @Test func aModelForOtherInputsIsRefusedNamingTheFile() throws {
        try Checkpoint(model: try Self.model(Self.classifierSpec)).save(to: path("a.h5"))
        #expect {
            try Checkpoint.load(from: self.path("a.h5")).buildModel(inputShape: [784])
        } throws: { error in
            "\(error)".hasPrefix("\(self.path("a.h5")): the model does not take samples of shape [784]: ")
        }
        #expect(try Checkpoint.load(from: path("a.h5")).buildModel(inputShape: [6]).stateTensors.count == 4)
    }

    /// The count `buildModel` checks before allocating must be what building gives, for every kind of layer.
    @Test func theStoredCountOfEveryLayerKindMatchesItsBuiltTensors() throws {
        let spec = LayerSpec.named(layers: [
            NamedLayerSpec(
                "a",
                .sequential(layers: [
                    .reshape(shape: [1, 4, 4]), .conv2d(inChannels: 1, outChannels: 3, kernel: 3, padding: 1),
                    .batchNorm(features: 3),
                    .relu, .maxPool2d(kernel: 2, stride: 2),
                    .convTranspose2d(inChannels: 3, outChannels: 2, kernel: 2, stride: 2),
                    .upsample(scale: 1), .leakyRelu(slope: 0.1), .flatten, .dropout(rate: 0.5),
                    .linear(inputs: 32, outputs: 5, bias: false),
                    .tanh, .batchNorm(features: 5),
                ])),
            NamedLayerSpec(
                "b",
                .variational(
                    encoder: .linear(inputs: 5, outputs: 4), decoder: .linear(inputs: 2, outputs: 3), codeSize: 2)),
            NamedLayerSpec("c", .sigmoid),
        ])
        let built = try Self.model(spec).stateTensors.reduce(0) { $0 + $1.tensor.count }
        #expect(spec.storedScalarCount == built)
        #expect(built == (27 + 3) + 12 + (24 + 2) + 160 + 20 + (20 + 4) + (6 + 3))
    }
}
