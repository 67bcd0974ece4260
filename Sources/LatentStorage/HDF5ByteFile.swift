import CHDF5
import CHDF5Extras
import Foundation
import LatentCore

/// An HDF5 file with float32 and uint8 datasets and string attributes, for the image index.
///
/// `HDF5File` reads and writes float32 only; an image index also keeps bytes (thumbnails, file paths as
/// UTF-8), which this adds. Every failure names the file and the object path; reads refuse declared sizes
/// that the file cannot hold, so a damaged header cannot make Latent allocate terabytes.
final class HDF5ByteFile {
    let path: String
    private let id: hid_t
    private var isOpen = true
    /// Bytes on disk when opened for reading.
    private let size: Int

    private init(path: String, id: hid_t, size: Int) {
        self.path = path
        self.id = id
        self.size = size
    }

    deinit { if isOpen { H5Fclose(id) } }

    /// Creates (or truncates) a file.
    static func create(_ path: String) throws -> HDF5ByteFile {
        prepareLibrary()
        let id = H5Fcreate(path, latent_h5f_acc_trunc(), latent_h5p_default(), latent_h5p_default())
        guard id >= 0 else { throw LatentError("\(path): cannot create an HDF5 file there") }
        return HDF5ByteFile(path: path, id: id, size: 0)
    }

    /// Opens a file for reading, telling a missing, empty, non-HDF5 and damaged file apart.
    static func open(_ path: String) throws -> HDF5ByteFile {
        prepareLibrary()
        var status = stat()
        guard stat(path, &status) == 0 else {
            throw LatentError("\(path): " + (errno == ENOENT ? "no such file" : String(cString: strerror(errno))))
        }
        guard status.st_mode & S_IFMT == S_IFREG else { throw LatentError("\(path): not a regular file") }
        guard status.st_size > 0 else { throw LatentError("\(path): the file is empty (0 bytes), not an HDF5 file") }
        guard H5Fis_hdf5(path) > 0 else { throw LatentError("\(path): not an HDF5 file (no HDF5 signature)") }
        let id = H5Fopen(path, latent_h5f_acc_rdonly(), latent_h5p_default())
        guard id >= 0 else { throw LatentError("\(path): damaged or truncated HDF5 file (libhdf5 cannot open it)") }
        return HDF5ByteFile(path: path, id: id, size: Int(status.st_size))
    }

    /// Writes everything out and closes; a failure means the file on disk is incomplete.
    func close() throws {
        guard isOpen else { return }
        isOpen = false
        let flushed = H5Fflush(id, H5F_SCOPE_GLOBAL)
        guard H5Fclose(id) >= 0, flushed >= 0 else { throw LatentError("\(path): cannot write the file out") }
    }

    /// libhdf5 prints its error stack by default; Latent reports errors itself.
    private static func prepareLibrary() {
        H5Eset_auto2(latent_h5e_default(), nil, nil)
    }

    // MARK: Writing

    /// Writes a float32 dataset, creating the groups above it.
    func write(_ tensor: Tensor, at objectPath: String) throws {
        try tensor.withUnsafeBufferPointer { values in
            try create(objectPath, shape: tensor.shape, fileType: latent_h5t_ieee_f32le(), memoryType: latent_h5t_native_float(),
                       compressed: false, data: UnsafeRawPointer(values.baseAddress!))
        }
    }

    /// Writes a uint8 dataset of `shape`; `compressed` chunks it by its first axis and deflates it.
    func write(_ bytes: [UInt8], shape: [Int], at objectPath: String, compressed: Bool = false) throws {
        precondition(shape.reduce(1, *) == bytes.count, "\(objectPath): \(bytes.count) bytes for shape \(shape)")
        try bytes.withUnsafeBytes { buffer in
            // An empty array has no base address; libhdf5 writes nothing then and needs none.
            try create(objectPath, shape: shape, fileType: latent_h5t_std_u8le(), memoryType: latent_h5t_native_uint8(),
                       compressed: compressed && !bytes.isEmpty, data: buffer.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!)
        }
    }

    /// Sets a string attribute on the root.
    func setAttribute(_ name: String, _ value: String) throws {
        let type = H5Tcopy(latent_h5t_c_s1())
        defer { H5Tclose(type) }
        var bytes = Array(value.utf8)
        if bytes.isEmpty { bytes = [0] }
        H5Tset_size(type, bytes.count)
        let space = H5Screate(H5S_SCALAR)
        defer { H5Sclose(space) }
        let attribute = H5Acreate2(id, name, type, space, latent_h5p_default(), latent_h5p_default())
        guard attribute >= 0 else { throw LatentError("\(path): cannot create attribute \(name)") }
        defer { H5Aclose(attribute) }
        guard H5Awrite(attribute, type, bytes) >= 0 else { throw LatentError("\(path): cannot write attribute \(name)") }
    }

    private func create(_ objectPath: String, shape: [Int], fileType: hid_t, memoryType: hid_t, compressed: Bool,
                        data: UnsafeRawPointer) throws {
        var dimensions = shape.map { hsize_t($0) }
        let space = H5Screate_simple(Int32(shape.count), &dimensions, nil)
        defer { H5Sclose(space) }
        let linkProperties = H5Pcreate(latent_h5p_link_create())
        defer { H5Pclose(linkProperties) }
        H5Pset_create_intermediate_group(linkProperties, 1)
        let creation = H5Pcreate(latent_h5p_dataset_create())
        defer { H5Pclose(creation) }
        if compressed {
            var chunk = dimensions
            chunk[0] = min(chunk[0], 256)
            H5Pset_chunk(creation, Int32(chunk.count), &chunk)
            H5Pset_deflate(creation, 4)
        }
        let dataset = H5Dcreate2(id, objectPath, fileType, space, linkProperties, creation, latent_h5p_default())
        guard dataset >= 0 else { throw LatentError("\(path): cannot create dataset \(objectPath)") }
        defer { H5Dclose(dataset) }
        guard H5Dwrite(dataset, memoryType, latent_h5s_all(), latent_h5s_all(), latent_h5p_default(), data) >= 0 else {
            throw LatentError("\(path): cannot write dataset \(objectPath)")
        }
    }

    // MARK: Reading

    /// Whether a dataset or group exists at every step of `objectPath`.
    func exists(_ objectPath: String) -> Bool {
        var prefix = ""
        for component in objectPath.split(separator: "/") {
            prefix += "/" + component
            guard H5Lexists(id, prefix, latent_h5p_default()) > 0 else { return false }
        }
        return true
    }

    /// The float32 dataset at `objectPath`.
    func readFloats(_ objectPath: String) throws -> Tensor {
        try withDataset(objectPath, expecting: H5T_FLOAT, bytes: 4, limit: size) { dataset, shape in
            let tensor = Tensor(zeros: shape)
            guard tensor.withUnsafeMutableBufferPointer({
                H5Dread(dataset, latent_h5t_native_float(), latent_h5s_all(), latent_h5s_all(), latent_h5p_default(),
                        $0.baseAddress)
            }) >= 0 else {
                throw LatentError("\(path): cannot read dataset \(objectPath) (the file may be truncated)")
            }
            return tensor
        }
    }

    /// The uint8 dataset at `objectPath` and its shape; `limit` bounds the bytes it may hold once decompressed.
    func readBytes(_ objectPath: String, limit: Int? = nil) throws -> (bytes: [UInt8], shape: [Int]) {
        try withDataset(objectPath, expecting: H5T_INTEGER, bytes: 1, limit: limit ?? size) { dataset, shape in
            var bytes = [UInt8](repeating: 0, count: shape.reduce(1, *))
            let status = bytes.withUnsafeMutableBytes { buffer in
                buffer.isEmpty ? 0 : H5Dread(dataset, latent_h5t_native_uint8(), latent_h5s_all(), latent_h5s_all(),
                                             latent_h5p_default(), buffer.baseAddress)
            }
            guard status >= 0 else { throw LatentError("\(path): cannot read dataset \(objectPath) (the file may be damaged)") }
            return (bytes, shape)
        }
    }

    /// The shape of the dataset at `objectPath`, checked to be of `typeClass` with `bytes`-byte elements
    /// and to hold at most `limit` bytes.
    private func withDataset<Result>(_ objectPath: String, expecting typeClass: H5T_class_t, bytes: Int, limit: Int,
                                     _ body: (hid_t, [Int]) throws -> Result) throws -> Result {
        guard exists(objectPath) else { throw LatentError("\(path): no dataset \(objectPath)") }
        let dataset = H5Dopen2(id, objectPath, latent_h5p_default())
        guard dataset >= 0 else { throw LatentError("\(path): \(objectPath) is not a dataset") }
        defer { H5Dclose(dataset) }
        let type = H5Dget_type(dataset)
        defer { H5Tclose(type) }
        guard H5Tget_class(type) == typeClass, H5Tget_size(type) == bytes else {
            let expected = typeClass == H5T_FLOAT ? "float32" : "uint8"
            throw LatentError("\(path): dataset \(objectPath) is not \(expected)")
        }
        let space = H5Dget_space(dataset)
        defer { H5Sclose(space) }
        let rank = Int(H5Sget_simple_extent_ndims(space))
        guard (0...8).contains(rank) else { throw LatentError("\(path): dataset \(objectPath) has a damaged shape") }
        var dimensions = [hsize_t](repeating: 0, count: rank)
        H5Sget_simple_extent_dims(space, &dimensions, nil)
        var total: UInt64 = UInt64(bytes)
        for dimension in dimensions {
            let (product, overflow) = total.multipliedReportingOverflow(by: dimension)
            guard !overflow, product <= UInt64(limit) else {
                throw LatentError("\(path): dataset \(objectPath) declares shape \(dimensions), more than the file can hold")
            }
            total = product
        }
        return try body(dataset, dimensions.map { Int($0) })
    }

    /// A string attribute on the root, or `nil` when absent.
    func stringAttribute(_ name: String) throws -> String? {
        guard H5Aexists(id, name) > 0 else { return nil }
        let attribute = H5Aopen(id, name, latent_h5p_default())
        guard attribute >= 0 else { throw LatentError("\(path): cannot open attribute \(name)") }
        defer { H5Aclose(attribute) }
        let type = H5Aget_type(attribute)
        defer { H5Tclose(type) }
        guard H5Tget_class(type) == H5T_STRING, H5Tis_variable_str(type) == 0, H5Tget_size(type) <= size else {
            throw LatentError("\(path): attribute \(name) is not a fixed-length string")
        }
        var bytes = [UInt8](repeating: 0, count: H5Tget_size(type) + 1)
        guard H5Aread(attribute, type, &bytes) >= 0 else { throw LatentError("\(path): cannot read attribute \(name)") }
        return String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
    }
}
