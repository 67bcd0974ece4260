import CHDF5
import CHDF5Extras
import Foundation
import LatentCore

/// Writes a new HDF5 file piece by piece: byte arrays that grow along their first axis, lists of integers
/// and strings, and root attributes, for data too large to build in memory first (imported images).
///
/// `write(to:_:)` runs the writing inside `AtomicFile`: libhdf5 writes a temporary file beside `path`, which
/// is synced and renamed into place only when everything succeeded; on any failure it is removed and the
/// old `path` is left as it was. Names are absolute object paths without groups, e.g. `/images`.
public final class HDF5Writer {
    /// The file that messages name (the one asked for, not the temporary file written).
    public let path: String
    private var file: hid_t

    /// Creates `path` atomically; `fill` adds the datasets and attributes.
    public static func write(to path: String, _ fill: (HDF5Writer) throws -> Void) throws {
        try AtomicFile.write(to: path) { temporary in
            let writer = try HDF5Writer(creating: temporary, name: path)
            try fill(writer)
            try writer.close()
        }
    }

    private init(creating temporary: String, name: String) throws {
        HDF5Writer.prepareLibrary()
        path = name
        file = H5Fcreate(temporary, latent_h5f_acc_trunc(), latent_h5p_default(), latent_h5p_default())
        guard file >= 0 else { throw HDF5File.failure(name, "cannot create an HDF5 file there") }
    }

    deinit { if file >= 0 { H5Fclose(file) } }

    private func close() throws {
        let closed = H5Fclose(file)
        file = -1
        guard closed >= 0 else { throw HDF5File.failure(path, "cannot finish writing the HDF5 file") }
    }

    /// Runs before the first use of libhdf5 here, as `HDF5File` does: the library must not close files at exit
    /// (one whose close failed on a full disk crashes libhdf5 1.10 there), which it accepts only before its first
    /// use; and it must not print its error stack, since the thrown errors say what failed (set per thread).
    static func prepareLibrary() {
        _ = libraryStaysAtExit
        H5Eset_auto2(latent_h5e_default(), nil, nil)
    }

    private static let libraryStaysAtExit: Void = {
        H5dont_atexit()
        H5open()
    }()

    // MARK: Growing byte arrays

    /// Creates an empty uint8 dataset of shape (0, itemShape...) that `append` extends.
    public func createGrowingBytes(_ name: String, itemShape: [Int]) throws {
        let itemBytes = itemShape.reduce(1, *)
        var dimensions = [hsize_t(0)] + itemShape.map { hsize_t($0) }
        var limits = [latent_h5s_unlimited()] + itemShape.map { hsize_t($0) }
        // Chunks of about 1 MiB, at least one item: reads of a few rows stay cheap.
        var chunk = [hsize_t(max(1, (1 << 20) / max(itemBytes, 1)))] + itemShape.map { hsize_t($0) }
        let space = H5Screate_simple(Int32(dimensions.count), &dimensions, &limits)
        defer { H5Sclose(space) }
        let properties = H5Pcreate(latent_h5p_dataset_create())
        defer { H5Pclose(properties) }
        H5Pset_chunk(properties, Int32(chunk.count), &chunk)
        let dataset = H5Dcreate2(
            file, name, latent_h5t_std_u8le(), space, latent_h5p_default(), properties,
            latent_h5p_default())
        guard dataset >= 0 else { throw HDF5File.failure(path, "cannot create dataset \(name)") }
        H5Dclose(dataset)
    }

    /// Appends whole items (a multiple of the item size in bytes) to a dataset from `createGrowingBytes`.
    public func append(_ bytes: [UInt8], to name: String) throws {
        let dataset = H5Dopen2(file, name, latent_h5p_default())
        guard dataset >= 0 else { throw LatentError("\(path): no dataset \(name) to append to") }
        defer { H5Dclose(dataset) }
        var dimensions = try Self.dimensions(of: dataset)
        let itemBytes = dimensions.dropFirst().reduce(1) { $0 * Int($1) }
        precondition(
            itemBytes > 0 && bytes.count % itemBytes == 0, "\(bytes.count) bytes are not whole items of \(itemBytes)")
        let (start, count) = (dimensions[0], hsize_t(bytes.count / itemBytes))
        guard count > 0 else { return }
        dimensions[0] = start + count
        guard H5Dset_extent(dataset, dimensions) >= 0 else {
            throw HDF5File.failure(path, "cannot extend dataset \(name)")
        }
        let fileSpace = H5Dget_space(dataset)
        defer { H5Sclose(fileSpace) }
        var offset = [start] + Array(repeating: hsize_t(0), count: dimensions.count - 1)
        var block = [count] + dimensions.dropFirst()
        H5Sselect_hyperslab(fileSpace, H5S_SELECT_SET, &offset, nil, &block, nil)
        let memorySpace = H5Screate_simple(Int32(block.count), &block, nil)
        defer { H5Sclose(memorySpace) }
        guard H5Dwrite(dataset, latent_h5t_native_uint8(), memorySpace, fileSpace, latent_h5p_default(), bytes) >= 0
        else {
            throw HDF5File.failure(path, "cannot write to dataset \(name)")
        }
    }

    static func dimensions(of dataset: hid_t) throws -> [hsize_t] {
        let space = H5Dget_space(dataset)
        defer { H5Sclose(space) }
        let rank = Int(H5Sget_simple_extent_ndims(space))
        var dimensions = [hsize_t](repeating: 0, count: max(rank, 0))
        H5Sget_simple_extent_dims(space, &dimensions, nil)
        return dimensions
    }

    // MARK: Lists

    /// A one-dimensional int64 dataset.
    public func writeIntegers(_ values: [Int], at name: String) throws {
        let numbers = values.map(Int64.init)
        try writeList(
            name, count: values.count, fileType: latent_h5t_std_i64le_type(),
            memoryType: latent_h5t_native_int64_type(),
            numbers)
    }

    /// A one-dimensional dataset of variable-length UTF-8 strings, which h5py reads with `.asstr()`.
    public func writeStrings(_ strings: [String], at name: String) throws {
        let type = H5Tcopy(latent_h5t_c_s1_type())
        defer { H5Tclose(type) }
        H5Tset_size(type, latent_h5t_variable())
        H5Tset_cset(type, H5T_CSET_UTF8)
        let copies = strings.map { strdup($0) }
        defer { for copy in copies { free(copy) } }
        let pointers = copies.map { UnsafePointer<CChar>($0) }
        try writeList(name, count: strings.count, fileType: type, memoryType: type, pointers)
    }

    private func writeList<Element>(
        _ name: String, count: Int, fileType: hid_t, memoryType: hid_t, _ values: [Element]
    ) throws {
        var dimensions = [hsize_t(count)]
        let space = H5Screate_simple(1, &dimensions, nil)
        defer { H5Sclose(space) }
        let dataset = H5Dcreate2(
            file, name, fileType, space, latent_h5p_default(), latent_h5p_default(), latent_h5p_default())
        guard dataset >= 0 else { throw LatentError("\(path): cannot create dataset \(name)") }
        defer { H5Dclose(dataset) }
        guard count > 0 else { return }
        let written = values.withUnsafeBufferPointer { buffer in
            H5Dwrite(dataset, memoryType, latent_h5s_all(), latent_h5s_all(), latent_h5p_default(), buffer.baseAddress)
        }
        guard written >= 0 else { throw HDF5File.failure(path, "cannot write dataset \(name)") }
    }

    // MARK: Attributes

    /// A variable-length UTF-8 string attribute on the root (any length; h5py reads it as `str`).
    public func setAttribute(_ name: String, _ value: String) throws {
        let type = H5Tcopy(latent_h5t_c_s1_type())
        defer { H5Tclose(type) }
        H5Tset_size(type, latent_h5t_variable())
        H5Tset_cset(type, H5T_CSET_UTF8)
        let copy = strdup(value)
        defer { free(copy) }
        var pointer = UnsafePointer<CChar>(copy)
        try writeAttribute(name, type: type) { H5Awrite($0, type, &pointer) }
    }

    /// An int64 attribute on the root.
    public func setAttribute(_ name: String, _ value: Int) throws {
        var number = Int64(value)
        try writeAttribute(name, type: latent_h5t_std_i64le_type()) {
            H5Awrite($0, latent_h5t_native_int64_type(), &number)
        }
    }

    private func writeAttribute(_ name: String, type: hid_t, _ write: (hid_t) -> herr_t) throws {
        let space = H5Screate(H5S_SCALAR)
        defer { H5Sclose(space) }
        let attribute = H5Acreate2(file, name, type, space, latent_h5p_default(), latent_h5p_default())
        guard attribute >= 0 else { throw LatentError("\(path): cannot create attribute \(name)") }
        defer { H5Aclose(attribute) }
        guard write(attribute) >= 0 else { throw LatentError("\(path): cannot write attribute \(name)") }
    }
}
