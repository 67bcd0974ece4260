import Foundation

/// An array of unsigned bytes read from an IDX file (the format of MNIST and Fashion-MNIST).
///
/// The file may be gzip-compressed or raw; zlib reads both. Memory is bounded by the header, never by
/// the file: sizes are checked before anything is allocated, and a gzip stream that inflates past
/// what the header announces is stopped at the first byte too many.
public struct IDXFile {
    /// The size of each axis, as the header gives it.
    public let dimensions: [Int]
    /// The values, row-major.
    public let bytes: [UInt8]

    /// The most data read from one IDX file: 1 GiB, twenty times MNIST's training images.
    public static let maximumDataBytes = 1 << 30

    /// Reads and validates an IDX file of unsigned bytes; `axes` names the axes it must have, e.g. ["N", "H", "W"].
    public init(contentsOf path: String, axes: [String]? = nil) throws {
        let reader = try GzipReader(path)
        let header = try IDXHeader(reading: reader, axes: axes)
        try header.checkSize(against: reader)
        let expected = header.dataBytes
        bytes = try [UInt8](unsafeUninitializedCapacity: expected) { buffer, initialized in
            initialized = try reader.read(into: UnsafeMutableRawBufferPointer(buffer))
        }
        guard bytes.count == expected else {
            throw DataError.truncated(
                path: path, expectedBytes: header.byteCount + expected,
                actualBytes: header.byteCount + bytes.count)
        }
        if try !reader.read(upTo: 1).isEmpty {
            throw DataError.corrupt(
                path: path, offset: header.byteCount + expected,
                reason:
                    "more data follows the \(expected) bytes the header announces (reading stopped there)")
        }
        dimensions = header.dimensions
    }

    /// The sizes in the header of an IDX file, reading nothing more.
    public static func dimensions(of path: String, axes: [String]? = nil) throws -> [Int] {
        let reader = try GzipReader(path)
        let header = try IDXHeader(reading: reader, axes: axes)
        try header.checkSize(against: reader)
        return header.dimensions
    }
}
