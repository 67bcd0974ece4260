import CHDF5
import CHDF5Extras
import Foundation
import LatentCore

/// Reads what `HDF5Writer` writes: byte arrays (whole or some rows), int64 lists, string lists and root
/// attributes; every failure names the file and the dataset, and says what it holds instead.
public final class HDF5Reader {
    public let path: String
    private let file: hid_t
    /// Bytes on disk: no dataset may claim more values than the file can hold (a damaged header must not make
    /// Latent allocate terabytes).
    private let size: Int

    /// Opens a file for reading, telling a missing, odd, non-HDF5 and damaged file apart.
    public init(path: String) throws {
        HDF5Writer.prepareLibrary()
        var status = stat()
        guard stat(path, &status) == 0 else {
            throw LatentError("\(path): \(String(cString: strerror(errno)).lowercased())")
        }
        // A FIFO or device would block libhdf5 or feed it without end.
        guard status.st_mode & S_IFMT == S_IFREG else {
            let kind = status.st_mode & S_IFMT == S_IFDIR ? "a directory" : "not a regular file"
            throw LatentError("\(path): is \(kind), not an HDF5 file")
        }
        guard access(path, R_OK) == 0 else { throw LatentError("\(path): permission denied") }
        guard status.st_size > 0 else { throw LatentError("\(path): the file is empty (0 bytes), not an HDF5 file") }
        guard H5Fis_hdf5(path) > 0 else { throw LatentError("\(path): not an HDF5 file (no HDF5 signature)") }
        let file = H5Fopen(path, latent_h5f_acc_rdonly(), latent_h5p_default())
        guard file >= 0 else { throw LatentError("\(path): damaged or truncated HDF5 file (libhdf5 cannot open it)") }
        self.path = path
        self.file = file
        self.size = Int(status.st_size)
    }

    deinit { H5Fclose(file) }

    /// Whether a dataset or group called `name` (e.g. `/images`) exists at the root.
    public func contains(_ name: String) -> Bool {
        H5Lexists(file, name, latent_h5p_default()) > 0
    }

    /// The shape of the dataset `name`.
    public func shape(of name: String) throws -> [Int] {
        try withDataset(name) { dataset, type in
            try checkedDimensions(of: dataset, name, bytesPerValue: H5Tget_size(type))
        }
    }

    // MARK: Bytes

    /// The rows `rows` (along the first axis) of the uint8 dataset `name`, flattened.
    public func readBytes(_ name: String, rows: Range<Int>? = nil) throws -> [UInt8] {
        try withDataset(name) { dataset, type in
            guard H5Tget_class(type) == H5T_INTEGER, H5Tget_size(type) == 1, H5Tget_sign(type) == H5T_SGN_NONE else {
                throw LatentError("\(path): dataset \(name) is not uint8 (\(Self.typeDescription(type)))")
            }
            let dimensions = try checkedDimensions(of: dataset, name, bytesPerValue: 1).map { hsize_t($0) }
            guard !dimensions.isEmpty else { throw LatentError("\(path): dataset \(name) is a scalar, not an array") }
            let all = 0..<Int(dimensions[0])
            let rows = rows ?? all
            guard rows.lowerBound >= 0, rows.upperBound <= all.upperBound else {
                throw LatentError("\(path): rows \(rows) of dataset \(name) are outside its \(all.count) rows")
            }
            var block = [hsize_t(rows.count)] + dimensions.dropFirst()
            var bytes = [UInt8](repeating: 0, count: block.reduce(1) { $0 * Int($1) })
            guard !bytes.isEmpty else { return bytes }
            let fileSpace = H5Dget_space(dataset)
            defer { H5Sclose(fileSpace) }
            var offset = [hsize_t(rows.lowerBound)] + Array(repeating: hsize_t(0), count: dimensions.count - 1)
            H5Sselect_hyperslab(fileSpace, H5S_SELECT_SET, &offset, nil, &block, nil)
            let memorySpace = H5Screate_simple(Int32(block.count), &block, nil)
            defer { H5Sclose(memorySpace) }
            guard H5Dread(dataset, latent_h5t_native_uint8(), memorySpace, fileSpace, latent_h5p_default(), &bytes) >= 0
            else {
                throw LatentError("\(path): cannot read dataset \(name) (the file may be truncated)")
            }
            return bytes
        }
    }

    // MARK: Lists

    /// The one-dimensional integer dataset `name`.
    public func readIntegers(_ name: String) throws -> [Int] {
        try withDataset(name) { dataset, type in
            guard H5Tget_class(type) == H5T_INTEGER else {
                throw LatentError("\(path): dataset \(name) is not integers (\(Self.typeDescription(type)))")
            }
            let count = try oneDimensionalCount(dataset, name)
            var values = [Int64](repeating: 0, count: count)
            guard
                count == 0
                    || H5Dread(
                        dataset, latent_h5t_native_int64_type(), latent_h5s_all(), latent_h5s_all(),
                        latent_h5p_default(), &values) >= 0
            else {
                throw LatentError("\(path): cannot read dataset \(name) (the file may be truncated)")
            }
            return values.map { Int($0) }
        }
    }

    /// The one-dimensional string dataset `name` (variable or fixed length).
    public func readStrings(_ name: String) throws -> [String] {
        try withDataset(name) { dataset, type in
            guard H5Tget_class(type) == H5T_STRING else {
                throw LatentError("\(path): dataset \(name) is not strings (\(Self.typeDescription(type)))")
            }
            let count = try oneDimensionalCount(dataset, name)
            guard count > 0 else { return [] }
            if H5Tis_variable_str(type) > 0 {
                var pointers = [UnsafeMutablePointer<CChar>?](repeating: nil, count: count)
                guard H5Dread(dataset, type, latent_h5s_all(), latent_h5s_all(), latent_h5p_default(), &pointers) >= 0
                else {
                    throw LatentError("\(path): cannot read dataset \(name) (the file may be truncated)")
                }
                let strings = pointers.map { $0.map { String(cString: $0) } ?? "" }
                let space = H5Dget_space(dataset)
                defer { H5Sclose(space) }
                H5Dvlen_reclaim(type, space, latent_h5p_default(), &pointers)
                return strings
            }
            let width = H5Tget_size(type)
            var bytes = [UInt8](repeating: 0, count: width * count)
            guard H5Dread(dataset, type, latent_h5s_all(), latent_h5s_all(), latent_h5p_default(), &bytes) >= 0 else {
                throw LatentError("\(path): cannot read dataset \(name) (the file may be truncated)")
            }
            return (0..<count).map { i in
                String(decoding: bytes[(i * width)..<((i + 1) * width)].prefix { $0 != 0 }, as: UTF8.self)
            }
        }
    }

    private func oneDimensionalCount(_ dataset: hid_t, _ name: String) throws -> Int {
        let dimensions = try checkedDimensions(of: dataset, name, bytesPerValue: 1)
        guard dimensions.count == 1 else {
            throw LatentError("\(path): dataset \(name) has shape \(dimensions), expected one axis")
        }
        return Int(dimensions[0])
    }

    /// The dataset's dimensions, refused when they overflow or need more bytes than the file holds.
    private func checkedDimensions(of dataset: hid_t, _ name: String, bytesPerValue: Int) throws -> [Int] {
        let dimensions = try HDF5Writer.dimensions(of: dataset)
        var bytes = max(bytesPerValue, 1)
        for dimension in dimensions {
            let (product, overflow) = bytes.multipliedReportingOverflow(by: Int(clamping: dimension))
            guard !overflow else {
                throw LatentError("\(path): dataset \(name) of shape \(dimensions) is too large to address")
            }
            bytes = product
        }
        // Compression can make stored data smaller than its values, but deflate never by more than about 1,032 times.
        let properties = H5Dget_create_plist(dataset)
        let compressed = properties >= 0 && H5Pget_nfilters(properties) > 0
        if properties >= 0 { H5Pclose(properties) }
        let limit = compressed ? size.multipliedReportingOverflow(by: 1100).partialValue : size
        guard bytes <= limit else {
            throw LatentError(
                "\(path): dataset \(name) of shape \(dimensions) needs \(bytes) bytes, more than the file's "
                    + "\(size) bytes hold (the file is damaged)")
        }
        return dimensions.map { Int($0) }
    }

    private func withDataset<Result>(_ name: String, _ body: (hid_t, hid_t) throws -> Result) throws -> Result {
        guard contains(name) else { throw LatentError("\(path): no dataset \(name)") }
        let dataset = H5Dopen2(file, name, latent_h5p_default())
        guard dataset >= 0 else { throw LatentError("\(path): \(name) is not a dataset") }
        defer { H5Dclose(dataset) }
        let type = H5Dget_type(dataset)
        defer { H5Tclose(type) }
        return try body(dataset, type)
    }

    private static func typeDescription(_ type: hid_t) -> String {
        let kind: String
        switch H5Tget_class(type) {
        case H5T_INTEGER: kind = H5Tget_sign(type) == H5T_SGN_NONE ? "unsigned integers" : "integers"
        case H5T_FLOAT: kind = "floats"
        case H5T_STRING: kind = "strings"
        default: kind = "HDF5 class \(H5Tget_class(type).rawValue)"
        }
        return "\(kind) of \(H5Tget_size(type)) bytes"
    }

    // MARK: Attributes

    /// The root's string attribute `name` (variable or fixed length), or nil when absent.
    public func stringAttribute(_ name: String) throws -> String? {
        guard H5Aexists(file, name) > 0 else { return nil }
        let attribute = H5Aopen(file, name, latent_h5p_default())
        guard attribute >= 0 else { throw LatentError("\(path): cannot open attribute \(name)") }
        defer { H5Aclose(attribute) }
        let type = H5Aget_type(attribute)
        defer { H5Tclose(type) }
        guard H5Tget_class(type) == H5T_STRING else { throw LatentError("\(path): attribute \(name) is not a string") }
        if H5Tis_variable_str(type) > 0 {
            var pointer: UnsafeMutablePointer<CChar>? = nil
            guard H5Aread(attribute, type, &pointer) >= 0 else {
                throw LatentError("\(path): cannot read attribute \(name)")
            }
            defer { H5free_memory(pointer) }
            return pointer.map { String(cString: $0) } ?? ""
        }
        var bytes = [UInt8](repeating: 0, count: H5Tget_size(type) + 1)
        guard H5Aread(attribute, type, &bytes) >= 0 else { throw LatentError("\(path): cannot read attribute \(name)") }
        return String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
    }

    /// The root's integer attribute `name`, or nil when absent.
    public func integerAttribute(_ name: String) throws -> Int? {
        guard H5Aexists(file, name) > 0 else { return nil }
        let attribute = H5Aopen(file, name, latent_h5p_default())
        guard attribute >= 0 else { throw LatentError("\(path): cannot open attribute \(name)") }
        defer { H5Aclose(attribute) }
        var value: Int64 = 0
        guard H5Aread(attribute, latent_h5t_native_int64_type(), &value) >= 0 else {
            throw LatentError("\(path): attribute \(name) is not an integer")
        }
        return Int(value)
    }
}
