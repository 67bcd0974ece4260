import CHDF5
import CHDF5Extras
import Foundation
import LatentCore

/// A uint8 dataset of rows (N, item shape...) kept open in its file and read a few rows at a time, from any thread:
/// thumbnails too many to hold in memory.
///
/// Every libhdf5 call goes through one process-wide lock: libhdf5 keeps global state, and one built without its
/// thread-safe option (upstream's default; Debian's 1.10 has it on) must not be entered by two threads at once. A scratch set (`scratch(in:...)`)
/// lives in a file that is unlinked as soon as it is created, so nothing is left on disk however the process ends.
public final class HDF5ByteRows: @unchecked Sendable {
    /// The file that messages name.
    public let path: String
    /// The dataset, e.g. `/thumbnails`.
    public let objectPath: String
    /// The shape of one row, e.g. (H, W, C).
    public let itemShape: [Int]
    /// How many rows are stored.
    public private(set) var count: Int
    private let file: hid_t
    private let dataset: hid_t

    /// Serialises every libhdf5 call made through this type.
    private static let library = NSLock()

    private init(path: String, objectPath: String, itemShape: [Int], count: Int, file: hid_t, dataset: hid_t) {
        (self.path, self.objectPath, self.itemShape, self.count) = (path, objectPath, itemShape, count)
        (self.file, self.dataset) = (file, dataset)
    }

    deinit {
        Self.library.withLock {
            H5Dclose(dataset)
            H5Fclose(file)
        }
    }

    /// The bytes of one row.
    public var bytesPerRow: Int { itemShape.reduce(1, *) }

    /// Rows per chunk: chunks of about 4 KB, at least one row, so that reading one row inflates little more than it
    /// (16 KB chunks of 28x28 thumbnails served half as many random thumbnails a second as the whole set in memory).
    static func chunkRows(bytesPerRow: Int) -> Int { max(1, (1 << 12) / max(bytesPerRow, 1)) }

    /// Opens the uint8 dataset `objectPath` of the HDF5 file at `path` for reading, refusing one that is not uint8,
    /// has no rows axis, or whose first and last rows cannot be read (a truncated or damaged file).
    ///
    /// - Parameters:
    ///   - path: the HDF5 file.
    ///   - objectPath: the dataset, e.g. `/thumbnails`.
    public static func open(_ path: String, dataset objectPath: String) throws -> HDF5ByteRows {
        let rows: HDF5ByteRows = try library.withLock {
            HDF5Writer.prepareLibrary()
            let file = H5Fopen(path, latent_h5f_acc_rdonly(), latent_h5p_default())
            guard file >= 0 else {
                throw HDF5File.failure(path, "damaged or truncated HDF5 file (libhdf5 cannot open it)")
            }
            guard H5Lexists(file, objectPath, latent_h5p_default()) > 0 else {
                H5Fclose(file)
                throw LatentError("\(path): no dataset \(objectPath)")
            }
            let dataset = H5Dopen2(file, objectPath, latent_h5p_default())
            guard dataset >= 0 else {
                H5Fclose(file)
                throw LatentError("\(path): \(objectPath) is not a dataset")
            }
            let type = H5Dget_type(dataset)
            let isBytes =
                H5Tget_class(type) == H5T_INTEGER && H5Tget_size(type) == 1 && H5Tget_sign(type) == H5T_SGN_NONE
            H5Tclose(type)
            let shape = try HDF5Writer.dimensions(of: dataset).map { Int(clamping: $0) }
            guard isBytes, shape.count >= 2, shape.allSatisfy({ $0 > 0 }) else {
                H5Dclose(dataset)
                H5Fclose(file)
                throw LatentError(
                    "\(path): \(objectPath) must be uint8 rows of shape (N, ...) with no empty axis, has shape \(shape)"
                        + (isBytes ? "" : " and is not uint8"))
            }
            return HDF5ByteRows(
                path: path, objectPath: objectPath, itemShape: Array(shape.dropFirst()), count: shape[0], file: file,
                dataset: dataset)
        }
        _ = try rows.read(0..<1)
        _ = try rows.read((rows.count - 1)..<rows.count)
        return rows
    }

    /// Creates an empty, growing, deflated dataset in a new file in `folder` that is unlinked at once: room for rows
    /// made a few at a time (an index build's thumbnails), gone when the value is.
    ///
    /// - Parameters:
    ///   - folder: where the file is made (its disk holds the rows).
    ///   - objectPath: the dataset's name, e.g. `/thumbnails`.
    ///   - itemShape: the shape of one row, every side at least 1.
    public static func scratch(in folder: String, dataset objectPath: String, itemShape: [Int]) throws -> HDF5ByteRows {
        precondition(!itemShape.isEmpty && itemShape.allSatisfy { $0 > 0 }, "rows of shape \(itemShape)")
        var template = Array((folder + "/latent-scratch-XXXXXX.h5").utf8CString)
        let descriptor = mkstemps(&template, 3)
        guard descriptor >= 0 else {
            throw LatentError("\(folder): cannot create a scratch file there: \(String(cString: strerror(errno)))")
        }
        Foundation.close(descriptor)
        let name = String(cString: template)
        defer { unlink(name) }
        return try library.withLock {
            HDF5Writer.prepareLibrary()
            let file = H5Fcreate(name, latent_h5f_acc_trunc(), latent_h5p_default(), latent_h5p_default())
            guard file >= 0 else { throw HDF5File.failure(name, "cannot create a scratch HDF5 file") }
            var dimensions = [hsize_t(0)] + itemShape.map { hsize_t($0) }
            var limits = [latent_h5s_unlimited()] + itemShape.map { hsize_t($0) }
            var chunk = [hsize_t(chunkRows(bytesPerRow: itemShape.reduce(1, *)))] + itemShape.map { hsize_t($0) }
            let space = H5Screate_simple(Int32(dimensions.count), &dimensions, &limits)
            defer { H5Sclose(space) }
            let properties = H5Pcreate(latent_h5p_dataset_create())
            defer { H5Pclose(properties) }
            let dataset =
                H5Pset_chunk(properties, Int32(chunk.count), &chunk) >= 0 && H5Pset_deflate(properties, 4) >= 0
                ? H5Dcreate2(
                    file, objectPath, latent_h5t_std_u8le(), space, latent_h5p_default(), properties,
                    latent_h5p_default())
                : -1
            guard dataset >= 0 else {
                let error = HDF5File.failure(name, "cannot create dataset \(objectPath)")
                H5Fclose(file)
                throw error
            }
            return HDF5ByteRows(
                path: name, objectPath: objectPath, itemShape: itemShape, count: 0, file: file, dataset: dataset)
        }
    }

    /// Appends whole rows (a multiple of `bytesPerRow` bytes) to a scratch set.
    ///
    /// - Parameter bytes: the rows, row-major.
    public func append(_ bytes: [UInt8]) throws {
        precondition(bytes.count % bytesPerRow == 0, "\(bytes.count) bytes are not whole rows of \(bytesPerRow)")
        let added = bytes.count / bytesPerRow
        guard added > 0 else { return }
        try Self.library.withLock {
            HDF5Writer.prepareLibrary()
            var dimensions = [hsize_t(count + added)] + itemShape.map { hsize_t($0) }
            guard H5Dset_extent(dataset, dimensions) >= 0 else {
                throw HDF5File.failure(path, "cannot extend dataset \(objectPath)")
            }
            var offset = [hsize_t(count)] + itemShape.map { _ in hsize_t(0) }
            dimensions[0] = hsize_t(added)
            try withSelection(offset: &offset, block: &dimensions) { memorySpace, fileSpace in
                guard
                    H5Dwrite(dataset, latent_h5t_native_uint8(), memorySpace, fileSpace, latent_h5p_default(), bytes)
                        >= 0
                else { throw HDF5File.failure(path, "cannot write to dataset \(objectPath) (is the disk full?)") }
            }
            count += added
        }
    }

    /// The bytes of rows `rows`, row-major.
    ///
    /// - Parameter rows: rows within `0..<count`.
    public func read(_ rows: Range<Int>) throws -> [UInt8] {
        precondition(rows.lowerBound >= 0 && rows.upperBound <= count, "rows \(rows) of \(count)")
        var bytes = [UInt8](repeating: 0, count: rows.count * bytesPerRow)
        guard !rows.isEmpty else { return bytes }
        try Self.library.withLock {
            HDF5Writer.prepareLibrary()
            var offset = [hsize_t(rows.lowerBound)] + itemShape.map { _ in hsize_t(0) }
            var block = [hsize_t(rows.count)] + itemShape.map { hsize_t($0) }
            try withSelection(offset: &offset, block: &block) { memorySpace, fileSpace in
                guard
                    H5Dread(dataset, latent_h5t_native_uint8(), memorySpace, fileSpace, latent_h5p_default(), &bytes)
                        >= 0
                else {
                    let which =
                        rows.count == 1 ? "row \(rows.lowerBound)" : "rows \(rows.lowerBound)-\(rows.upperBound - 1)"
                    throw LatentError(
                        "\(path): cannot read \(which) of dataset \(objectPath) (the file is damaged or truncated)")
                }
            }
        }
        return bytes
    }

    /// Copies the dataset, its stored chunks as they are (nothing inflated again), to `objectPath` in `file`.
    ///
    /// - Parameters:
    ///   - file: a file being written.
    ///   - objectPath: where the copy goes, e.g. `/thumbnails`.
    package func copy(into file: HDF5File, at objectPath: String) throws {
        try Self.library.withLock {
            HDF5Writer.prepareLibrary()
            let copied = H5Ocopy(
                self.file, self.objectPath, file.id, objectPath, latent_h5p_default(), latent_h5p_default())
            guard copied >= 0 else { throw file.failure("cannot copy dataset \(objectPath) from \(path)") }
        }
    }

    /// Runs `body` with a memory space of `block` and the file space with the hyperslab at `offset` selected.
    private func withSelection(
        offset: inout [hsize_t], block: inout [hsize_t], _ body: (hid_t, hid_t) throws -> Void
    ) throws {
        let fileSpace = H5Dget_space(dataset)
        defer { H5Sclose(fileSpace) }
        let memorySpace = H5Screate_simple(Int32(block.count), &block, nil)
        defer { H5Sclose(memorySpace) }
        guard fileSpace >= 0, memorySpace >= 0,
            H5Sselect_hyperslab(fileSpace, H5S_SELECT_SET, &offset, nil, &block, nil) >= 0
        else { throw HDF5File.failure(path, "cannot select rows of dataset \(objectPath)") }
        try body(memorySpace, fileSpace)
    }
}
