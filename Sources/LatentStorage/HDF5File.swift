import CHDF5
import Foundation
import LatentCore

/// An open HDF5 file, closed when released: float32 datasets, string and integer attributes.
///
/// A thin layer over libhdf5's C API; every failure names the file and the object path.
final class HDF5File {
    let path: String
    private let id: hid_t

    private init(path: String, id: hid_t) {
        self.path = path
        self.id = id
    }

    deinit { H5Fclose(id) }

    /// Creates (or truncates) a file.
    static func create(_ path: String) throws -> HDF5File {
        silenceErrorStack()
        let id = H5Fcreate(path, latent_h5f_acc_trunc(), latent_h5p_default(), latent_h5p_default())
        guard id >= 0 else { throw StorageError("\(path): cannot create an HDF5 file there") }
        return HDF5File(path: path, id: id)
    }

    /// Opens a file for reading, telling a missing file, a non-HDF5 file and a damaged one apart.
    static func open(_ path: String) throws -> HDF5File {
        silenceErrorStack()
        guard FileManager.default.fileExists(atPath: path) else { throw StorageError("\(path): no such file") }
        guard H5Fis_hdf5(path) > 0 else { throw StorageError("\(path): not an HDF5 file (no HDF5 signature)") }
        let id = H5Fopen(path, latent_h5f_acc_rdonly(), latent_h5p_default())
        guard id >= 0 else { throw StorageError("\(path): damaged or truncated HDF5 file (libhdf5 cannot open it)") }
        return HDF5File(path: path, id: id)
    }

    /// HDF5 prints its error stack to standard error by default; Latent reports errors itself.
    private static func silenceErrorStack() { H5Eset_auto2(latent_h5e_default(), nil, nil) }

    // MARK: Datasets

    /// Writes a float32 dataset at an absolute path, creating the groups above it.
    func write(_ tensor: Tensor, at objectPath: String) throws {
        var dimensions = tensor.shape.map { hsize_t($0) }
        let space = tensor.rank == 0 ? H5Screate(H5S_SCALAR) : H5Screate_simple(Int32(tensor.rank), &dimensions, nil)
        defer { H5Sclose(space) }
        let linkProperties = H5Pcreate(latent_h5p_link_create())
        defer { H5Pclose(linkProperties) }
        H5Pset_create_intermediate_group(linkProperties, 1)
        let dataset = H5Dcreate2(id, objectPath, latent_h5t_ieee_f32le(), space, linkProperties, latent_h5p_default(),
                                 latent_h5p_default())
        guard dataset >= 0 else { throw StorageError("\(path): cannot create dataset \(objectPath)") }
        defer { H5Dclose(dataset) }
        guard H5Dwrite(dataset, latent_h5t_native_float(), latent_h5s_all(), latent_h5s_all(), latent_h5p_default(),
                       tensor.pointer) >= 0 else {
            throw StorageError("\(path): cannot write dataset \(objectPath)")
        }
    }

    /// The shape of the float32 dataset at `objectPath`, or an error naming a wrong type.
    func shape(at objectPath: String) throws -> [Int] {
        try withDataset(objectPath) { dataset, shape in shape }
    }

    /// Reads the float32 dataset at `objectPath`.
    func read(_ objectPath: String) throws -> Tensor {
        try withDataset(objectPath) { dataset, shape in
            let tensor = Tensor(zeros: shape)
            guard H5Dread(dataset, latent_h5t_native_float(), latent_h5s_all(), latent_h5s_all(), latent_h5p_default(),
                          tensor.pointer) >= 0 else {
                throw StorageError("\(path): cannot read dataset \(objectPath) (the file may be truncated)")
            }
            return tensor
        }
    }

    private func withDataset<Result>(_ objectPath: String, _ body: (hid_t, [Int]) throws -> Result) throws -> Result {
        guard exists(objectPath) else { throw StorageError("\(path): no dataset \(objectPath)") }
        let dataset = H5Dopen2(id, objectPath, latent_h5p_default())
        guard dataset >= 0 else { throw StorageError("\(path): \(objectPath) is not a dataset") }
        defer { H5Dclose(dataset) }
        let type = H5Dget_type(dataset)
        defer { H5Tclose(type) }
        guard H5Tget_class(type) == H5T_FLOAT, H5Tget_size(type) == 4 else {
            throw StorageError("\(path): dataset \(objectPath) is not float32 (class \(H5Tget_class(type).rawValue), \(H5Tget_size(type)) bytes)")
        }
        let space = H5Dget_space(dataset)
        defer { H5Sclose(space) }
        let rank = Int(H5Sget_simple_extent_ndims(space))
        var dimensions = [hsize_t](repeating: 0, count: max(rank, 0))
        H5Sget_simple_extent_dims(space, &dimensions, nil)
        return try body(dataset, dimensions.map { Int($0) })
    }

    /// Whether a link exists at every step of `objectPath`.
    func exists(_ objectPath: String) -> Bool {
        var prefix = ""
        for component in objectPath.split(separator: "/") {
            prefix += "/" + component
            guard H5Lexists(id, prefix, latent_h5p_default()) > 0 else { return false }
        }
        return true
    }

    /// Creates an empty group (and the groups above it).
    func createGroup(_ objectPath: String) throws {
        let linkProperties = H5Pcreate(latent_h5p_link_create())
        defer { H5Pclose(linkProperties) }
        H5Pset_create_intermediate_group(linkProperties, 1)
        let group = H5Gcreate2(id, objectPath, linkProperties, latent_h5p_default(), latent_h5p_default())
        guard group >= 0 else { throw StorageError("\(path): cannot create group \(objectPath)") }
        H5Gclose(group)
    }

    // MARK: Attributes

    /// Sets a string attribute on the object at `objectPath` ("/" for the file).
    func setAttribute(_ name: String, _ value: String, on objectPath: String = "/") throws {
        let type = H5Tcopy(latent_h5t_c_s1())
        defer { H5Tclose(type) }
        H5Tset_size(type, max(value.utf8.count, 1))
        try writeAttribute(name, type: type, on: objectPath) { attribute in
            var bytes = Array(value.utf8)
            if bytes.isEmpty { bytes = [0] }
            return H5Awrite(attribute, type, bytes)
        }
    }

    /// Sets an integer attribute on the object at `objectPath`.
    func setAttribute(_ name: String, _ value: Int, on objectPath: String = "/") throws {
        try writeAttribute(name, type: latent_h5t_std_i64le(), on: objectPath) { attribute in
            var number = Int64(value)
            return H5Awrite(attribute, latent_h5t_native_int64(), &number)
        }
    }

    private func writeAttribute(_ name: String, type: hid_t, on objectPath: String, _ write: (hid_t) -> herr_t) throws {
        let space = H5Screate(H5S_SCALAR)
        defer { H5Sclose(space) }
        let attribute = H5Acreate_by_name(id, objectPath, name, type, space, latent_h5p_default(), latent_h5p_default(),
                                          latent_h5p_default())
        guard attribute >= 0 else { throw StorageError("\(path): cannot create attribute \(name) on \(objectPath)") }
        defer { H5Aclose(attribute) }
        guard write(attribute) >= 0 else { throw StorageError("\(path): cannot write attribute \(name) on \(objectPath)") }
    }

    /// A fixed-length string attribute, or `nil` when absent.
    func stringAttribute(_ name: String, on objectPath: String = "/") throws -> String? {
        guard H5Aexists_by_name(id, objectPath, name, latent_h5p_default()) > 0 else { return nil }
        let attribute = H5Aopen_by_name(id, objectPath, name, latent_h5p_default(), latent_h5p_default())
        defer { H5Aclose(attribute) }
        let type = H5Aget_type(attribute)
        defer { H5Tclose(type) }
        guard H5Tget_class(type) == H5T_STRING, H5Tis_variable_str(type) == 0 else {
            throw StorageError("\(path): attribute \(name) on \(objectPath) is not a fixed-length string")
        }
        var bytes = [UInt8](repeating: 0, count: H5Tget_size(type) + 1)
        guard H5Aread(attribute, type, &bytes) >= 0 else { throw StorageError("\(path): cannot read attribute \(name)") }
        return String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
    }

    /// An integer attribute, or `nil` when absent.
    func integerAttribute(_ name: String, on objectPath: String = "/") throws -> Int? {
        guard H5Aexists_by_name(id, objectPath, name, latent_h5p_default()) > 0 else { return nil }
        let attribute = H5Aopen_by_name(id, objectPath, name, latent_h5p_default(), latent_h5p_default())
        defer { H5Aclose(attribute) }
        var value: Int64 = 0
        guard H5Aread(attribute, latent_h5t_native_int64(), &value) >= 0 else {
            throw StorageError("\(path): attribute \(name) on \(objectPath) is not an integer")
        }
        return Int(value)
    }

    // MARK: Listing

    /// The names of the root's attributes.
    func attributeNames() -> [String] {
        final class Found { var names: [String] = [] }
        let found = Found()
        var index: hsize_t = 0
        H5Aiterate2(id, H5_INDEX_NAME, H5_ITER_INC, &index, { _, name, _, context in
            guard let name, let context else { return 0 }
            Unmanaged<Found>.fromOpaque(context).takeUnretainedValue().names.append(String(cString: name))
            return 0
        }, Unmanaged.passUnretained(found).toOpaque())
        return found.names
    }

    /// Every dataset below `objectPath`, as absolute paths in name order.
    func datasetPaths(under objectPath: String = "/") -> [String] {
        guard objectPath == "/" || exists(objectPath) else { return [] }
        final class Found { var paths: [String] = [] }
        let found = Found()
        let root = H5Oopen(id, objectPath, latent_h5p_default())
        guard root >= 0 else { return [] }
        defer { H5Oclose(root) }
        let base = objectPath == "/" ? "" : objectPath
        let context = Unmanaged.passUnretained(found).toOpaque()
        H5Ovisit2(root, H5_INDEX_NAME, H5_ITER_INC, { _, name, info, context in
            guard let name, let info, let context, info.pointee.type == H5O_TYPE_DATASET else { return 0 }
            Unmanaged<Found>.fromOpaque(context).takeUnretainedValue().paths.append(String(cString: name))
            return 0
        }, context, latent_h5o_info_basic())
        return found.paths.map { "\(base)/\($0)" }
    }
}
