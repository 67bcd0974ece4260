import Foundation
import LatentCore

/// Named float32 tensors and string attributes in one HDF5 file (PCA models, codes, deep features).
///
/// Each tensor sits at `/NAME` (names may contain slashes for groups); attributes are on the root.
/// Saves go through a temporary file renamed into place.
public struct TensorArchive {
    public var tensors: [String: Tensor]
    public var attributes: [String: String]

    public init(tensors: [String: Tensor], attributes: [String: String] = [:]) {
        self.tensors = tensors
        self.attributes = attributes
    }

    public func save(to path: String) throws {
        let temporary = path + ".tmp-\(ProcessInfo.processInfo.processIdentifier)"
        do {
            let file = try HDF5File.create(temporary)
            for (name, value) in attributes.sorted(by: { $0.key < $1.key }) { try file.setAttribute(name, value) }
            for (name, tensor) in tensors.sorted(by: { $0.key < $1.key }) { try file.write(tensor, at: "/" + name) }
            _ = consume file
            guard rename(temporary, path) == 0 else { throw StorageError("\(path): cannot move the new file into place") }
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            throw error
        }
    }

    public static func load(from path: String) throws -> TensorArchive {
        let file = try HDF5File.open(path)
        var tensors: [String: Tensor] = [:]
        for objectPath in file.datasetPaths() { tensors[String(objectPath.dropFirst())] = try file.read(objectPath) }
        var attributes: [String: String] = [:]
        for name in file.attributeNames() { attributes[name] = try? file.stringAttribute(name) }
        return TensorArchive(tensors: tensors, attributes: attributes)
    }

    /// The tensor `name`, or an error naming the file and what it holds instead.
    public func tensor(_ name: String, in path: String) throws -> Tensor {
        guard let tensor = tensors[name] else {
            throw StorageError("\(path): no dataset /\(name) (it holds \(tensors.keys.sorted().map { "/" + $0 }.joined(separator: ", ")))")
        }
        return tensor
    }
}
