import Foundation
import LatentCore
import LatentModels
import LatentNN
import LatentStorage
import LatentTestSupport
import Testing

@Suite final class CheckpointTests {
    let directory: String
    init() throws { directory = try TestData.scratchDirectory() }
    deinit { try? FileManager.default.removeItem(atPath: directory) }
    func path(_ name: String) -> String { (directory as NSString).appendingPathComponent(name) }

    static let spec = LayerSpec.named(layers: [
        NamedLayerSpec(
            "encoder",
            .sequential(layers: [
                .conv2d(inChannels: 1, outChannels: 2, kernel: 3, stride: 2, padding: 1), .relu,
                .flatten, .linear(inputs: 2 * 4 * 4, outputs: 3), .batchNorm(features: 3),
            ])),
        NamedLayerSpec("head", .linear(inputs: 3, outputs: 2)),
    ])

    /// A model trained for a few steps, so that weights, running statistics and Adam's moments are all non-trivial.
    static func trainedModel() throws -> (any Layer, Adam) {
        var generator = SeededGenerator(seed: 11)
        let model = try CheckpointTests.spec.build(using: &generator)
        let optimizer = Adam(learningRate: 0.01)
        for _ in 0..<3 {
            let x = Tensor.uniform([4, 1, 8, 8], in: 0...1, using: &generator)
            model.zeroGradients()
            Loss.crossEntropy(logits: model(x), labels: [0, 1, 1, 0]).backward()
            optimizer.step(model.trainableParameters)
        }
        return (model, optimizer)
    }

    @Test func roundTripIsBitExact() throws {
        let (model, optimizer) = try CheckpointTests.trainedModel()
        try Checkpoint(model: model, optimizer: optimizer, epoch: 7, seed: 42, metadata: ["input": "1x8x8"]).save(
            to: path("a.h5"))
        let loaded = try Checkpoint.load(from: path("a.h5"))
        #expect(loaded.architecture == CheckpointTests.spec)
        #expect(loaded.epoch == 7 && loaded.seed == 42 && loaded.metadata == ["input": "1x8x8"])
        #expect(loaded.optimizer == optimizer.state)
        let rebuilt = try loaded.buildModel()
        for (original, copy) in zip(model.stateTensors, rebuilt.stateTensors) {
            #expect(original.name == copy.name)
            let identical = original.tensor.scalars.map(\.bitPattern) == copy.tensor.scalars.map(\.bitPattern)
            #expect(identical, "\(original.name)")
        }
        #expect(model.stateTensors.map(\.name).contains("encoder.4.running_var"))
    }

    @Test func strictLoadListsEveryMismatch() throws {
        let (model, _) = try CheckpointTests.trainedModel()
        try Checkpoint(model: model).save(to: path("a.h5"))
        var generator = SeededGenerator(seed: 0)
        let other = try LayerSpec.named(layers: [
            NamedLayerSpec(
                "encoder",
                .sequential(layers: [.conv2d(inChannels: 1, outChannels: 4, kernel: 3, stride: 2, padding: 1)])),
            NamedLayerSpec("classifier", .linear(inputs: 3, outputs: 2)),
        ]).build(using: &generator)
        #expect {
            try Checkpoint.load(from: path("a.h5")).restore(into: other)
        } throws: { error in
            let message = "\(error)"
            return message.contains("missing from the file: classifier.weight, classifier.bias")
                && message.contains("not in the model: encoder.3.bias")
                && message.contains("encoder.0.weight: file [2, 1, 3, 3], model [4, 1, 3, 3]")
        }
    }

    @Test func nonStrictLoadTakesTheMatchingSubset() throws {
        let (model, _) = try CheckpointTests.trainedModel()
        try Checkpoint(model: model).save(to: path("a.h5"))
        var generator = SeededGenerator(seed: 99)
        let fresh = try CheckpointTests.spec.build(using: &generator)
        let headBefore = fresh.layer(at: "head")!.parameters.map(\.tensor.scalars)
        let loaded = try Checkpoint.load(from: path("a.h5")).restore(into: fresh, strict: false, prefix: "encoder")
        #expect(loaded.count == 8 && loaded.allSatisfy { $0.hasPrefix("encoder.") })
        #expect(
            fresh.layer(at: "encoder.0")!.parameters[0].tensor.scalars
                == model.layer(at: "encoder.0")!.parameters[0].tensor.scalars)
        #expect(fresh.layer(at: "head")!.parameters.map(\.tensor.scalars) == headBefore)
    }

    @Test func badFilesGetOneClearErrorEach() throws {
        #expect(throws: LatentError("\(path("none.h5")): no such file")) { try Checkpoint.load(from: path("none.h5")) }
        try Data("not hdf5 at all".utf8).write(to: URL(fileURLWithPath: path("text.h5")))
        #expect(throws: LatentError("\(path("text.h5")): not an HDF5 file (no HDF5 signature)")) {
            try Checkpoint.load(from: path("text.h5"))
        }
        let (model, _) = try CheckpointTests.trainedModel()
        try Checkpoint(model: model).save(to: path("a.h5"))
        let whole = try Data(contentsOf: URL(fileURLWithPath: path("a.h5")))
        try whole.prefix(whole.count / 2).write(to: URL(fileURLWithPath: path("half.h5")))
        #expect {
            try Checkpoint.load(from: path("half.h5"))
        } throws: { error in
            "\(error)".hasPrefix(self.path("half.h5")) && "\(error)".contains("truncated")
        }
    }

    @Test func aFailedSaveLeavesThePreviousCheckpointIntact() throws {
        let (model, _) = try CheckpointTests.trainedModel()
        try Checkpoint(model: model).save(to: path("a.h5"))
        let before = try Data(contentsOf: URL(fileURLWithPath: path("a.h5")))
        var broken = Checkpoint(model: model)
        // "head.weight" is a dataset, so nothing can be created below it: the write fails halfway.
        broken.tensors["head.weight.extra"] = Tensor(zeros: [1])
        #expect(throws: LatentError.self) { try broken.save(to: path("a.h5")) }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path("a.h5"))) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["a.h5"])
    }

    @Test(.enabled(if: Python.has("h5py"), "needs h5py (make test installs it)"))
    func h5pyReadsNamesShapesAndValues() throws {
        let (model, optimizer) = try CheckpointTests.trainedModel()
        try Checkpoint(model: model, optimizer: optimizer, epoch: 3).save(to: path("a.h5"))
        let output = try Python.run(
            """
            import h5py, json, sys
            with h5py.File(sys.argv[1], "r") as f:
                found = {}
                f["model"].visititems(lambda name, obj: found.update({name: [list(obj.shape), str(obj.dtype), obj[()].ravel().tolist()]}) if isinstance(obj, h5py.Dataset) else None)
                print(json.dumps({"format": f.attrs["format"].decode(), "epoch": int(f.attrs["epoch"]), "tensors": found}))
            """, arguments: [path("a.h5")])
        struct Listing: Decodable {
            let format: String
            let epoch: Int
            let tensors: [String: [Value]]
        }
        enum Value: Decodable {
            case shape([Int])
            case dtype(String)
            case values([Float])
            init(from decoder: Decoder) throws {
                let container = try decoder.singleValueContainer()
                if let text = try? container.decode(String.self) {
                    self = .dtype(text)
                } else if let ints = try? container.decode([Int].self) {
                    self = .shape(ints)
                } else {
                    self = .values(try container.decode([Float].self))
                }
            }
        }
        let listing = try JSONDecoder().decode(Listing.self, from: Data(output.utf8))
        #expect(listing.format == "latent-checkpoint" && listing.epoch == 3)
        #expect(
            Set(listing.tensors.keys)
                == Set(model.stateTensors.map { $0.name.replacingOccurrences(of: ".", with: "/") }))
        for (name, tensor) in model.stateTensors {
            guard let entry = listing.tensors[name.replacingOccurrences(of: ".", with: "/")], entry.count == 3,
                case .dtype(let dtype) = entry[1], case .values(let values) = entry[2]
            else {
                Issue.record("\(name) missing or malformed")
                continue
            }
            if case .shape(let shape) = entry[0] {
                #expect(shape == tensor.shape || (shape.isEmpty && tensor.rank == 0))
            }
            #expect(dtype == "float32")
            #expect(values == tensor.scalars, "\(name)")
        }
    }

    @Test(.enabled(if: Python.has("h5py"), "needs h5py (make test installs it)"))
    func aFloat64DatasetIsRejectedByName() throws {
        let (model, _) = try CheckpointTests.trainedModel()
        try Checkpoint(model: model).save(to: path("a.h5"))
        try Python.run(
            """
            import h5py, numpy, sys
            with h5py.File(sys.argv[1], "r+") as f:
                del f["model/head/bias"]
                f["model/head/bias"] = numpy.zeros(2, dtype=numpy.float64)
            """, arguments: [path("a.h5")])
        #expect {
            try Checkpoint.load(from: path("a.h5"))
        } throws: { error in
            "\(error)" == "\(self.path("a.h5")): dataset /model/head/bias is float64, not float32"
        }
    }
}
