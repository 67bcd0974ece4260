import Foundation
import LatentCore

/// Named float32 tensors and string attributes in one HDF5 file (PCA models, codes, deep features).
///
/// Each tensor sits at `/NAME` (names may contain slashes for groups); attributes are on the root.
/// Saves go through `AtomicFile`, so a failed save leaves a previous file as it was.
public struct TensorArchive {
    public var tensors: [String: Tensor]
    public var attributes: [String: String]

    public init(tensors: [String: Tensor], attributes: [String: String] = [:]) {
        self.tensors = tensors
        self.attributes = attributes
    }

    public func save(to path: String) throws {
        let file = try HDF5File.createInMemory(named: path)
        for (name, value) in attributes.sorted(by: { $0.key < $1.key }) { try file.setAttribute(name, value) }
        for (name, tensor) in tensors.sorted(by: { $0.key < $1.key }) { try file.write(tensor, at: "/" + name) }
        try AtomicFile.write(try file.closeReturningImage(), to: path)
    }

    /// Reads every dataset and every string attribute (attributes of other types are left out), refusing
    /// values that are not finite: codes, features and PCA models with NaN in them give answers that are noise.
    public static func load(from path: String) throws -> TensorArchive {
        let file = try HDF5File.open(path)
        var tensors: [String: Tensor] = [:]
        for objectPath in try file.datasetPaths() {
            let tensor = try file.read(objectPath)
            try requireFinite(tensor, at: objectPath, in: path)
            tensors[String(objectPath.dropFirst())] = tensor
        }
        var attributes: [String: String] = [:]
        for name in try file.attributeNames() { attributes[name] = try? file.stringAttribute(name) }
        return TensorArchive(tensors: tensors, attributes: attributes)
    }

    /// The tensor `name`, or an error naming the file and what it holds instead.
    public func tensor(_ name: String, in path: String) throws -> Tensor {
        guard let tensor = tensors[name] else {
            throw LatentError(
                "\(path): no dataset /\(name) (it holds \(tensors.keys.sorted().map { "/" + $0 }.joined(separator: ", ")))"
            )
        }
        return tensor
    }
}
