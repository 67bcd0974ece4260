import Foundation
import LatentCore
import LatentModels
import LatentNN
import LatentStorage

/// Writes the seed corpora the fuzzers start from: small valid files of each kind, so that the fuzzer's
/// first mutations already reach past the headers. Run from Fuzz/: `swift run make-seeds`.
@main
struct MakeSeeds {
    static func main() throws {
        for folder in ["idx", "hdf5", "yaml"] {
            try FileManager.default.createDirectory(atPath: "corpus/\(folder)", withIntermediateDirectories: true)
        }
        try writeIDXSeeds()
        try writeHDF5Seeds()
        try copyExperimentFiles()
    }

    /// Two 3x3 images with their labels, raw and gzip, in fuzz-idx's layout (see FuzzIDX.swift).
    static func writeIDXSeeds() throws {
        let labels = idx(dimensions: [2], values: [3, 9])
        let images = idx(dimensions: [2, 3, 3], values: (0..<18).map { UInt8($0 * 14) })
        try Data(pair(labels, images)).write(to: URL(fileURLWithPath: "corpus/idx/raw"))
        try Data(pair(try gzip(labels), try gzip(images))).write(to: URL(fileURLWithPath: "corpus/idx/gzip"))
    }

    /// An IDX file of unsigned bytes: magic 0x0000 08 RANK, each size big-endian, the values.
    static func idx(dimensions: [Int], values: [UInt8]) -> [UInt8] {
        var bytes: [UInt8] = [0, 0, 0x08, UInt8(dimensions.count)]
        for size in dimensions { bytes += withUnsafeBytes(of: UInt32(size).bigEndian, Array.init) }
        return bytes + values
    }

    static func pair(_ labels: [UInt8], _ images: [UInt8]) -> [UInt8] {
        [UInt8(labels.count >> 8), UInt8(labels.count & 0xFF)] + labels + images
    }

    /// Compresses with the system's gzip (`-n`: no name or time, so the seeds are the same on every run).
    static func gzip(_ bytes: [UInt8]) throws -> [UInt8] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["gzip", "-n", "-c"]
        let (input, output) = (Pipe(), Pipe())
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(Data(bytes))
        try input.fileHandleForWriting.close()
        let compressed = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw CocoaError(.fileWriteUnknown) }
        return Array(compressed)
    }

    /// A checkpoint of a tiny encoder for 28x28 images, with Adam's state after one step, and a PCA-like archive.
    static func writeHDF5Seeds() throws {
        var generator = SeededGenerator(seed: 1)
        let spec = LayerSpec.sequential(layers: [
            .reshape(shape: [1, 28, 28]), .conv2d(inChannels: 1, outChannels: 1, kernel: 3, stride: 9),
            .relu, .flatten, .linear(inputs: 9, outputs: 2),
        ])
        let model = try spec.build(using: &generator)
        let optimizer = Adam()
        model(Tensor(repeating: 0.5, shape: [1, 28 * 28])).sum().backward()
        optimizer.step(model.trainableParameters)
        try Checkpoint(
            model: model, optimizer: optimizer, kind: .encoder, epoch: 1, seed: 1, metadata: ["task": "encode"]
        )
        .save(to: "corpus/hdf5/checkpoint.h5")

        try TensorArchive(
            tensors: [
                "mean": Tensor(shape: [4], scalars: [0.1, 0.2, 0.3, 0.4]),
                "components": Tensor(shape: [2, 4], scalars: [1, 0, 0, 0, 0, 1, 0, 0]),
                "explained_variance": Tensor(shape: [2], scalars: [2, 1]),
            ], attributes: ["kind": "pca", "total_variance": "3", "whiten": "false"]
        ).save(to: "corpus/hdf5/archive.h5")
    }

    /// The experiment files of the repository, as they are.
    static func copyExperimentFiles() throws {
        for file in try FileManager.default.contentsOfDirectory(atPath: "../experiments") where file.hasSuffix(".yaml")
        {
            let destination = "corpus/yaml/" + file
            try? FileManager.default.removeItem(atPath: destination)
            try FileManager.default.copyItem(atPath: "../experiments/" + file, toPath: destination)
        }
    }
}
