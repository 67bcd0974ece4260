import CZlib
import Foundation

/// An array of unsigned bytes read from an IDX file (the format of MNIST and Fashion-MNIST).
///
/// The file may be gzip-compressed or raw; zlib reads both.
public struct IDXFile {
    /// The size of each axis, as the header gives it.
    public let dimensions: [Int]
    /// The values, row-major.
    public let bytes: [UInt8]

    /// Reads and validates an IDX file of unsigned bytes.
    public init(contentsOf path: String) throws {
        let contents = try IDXFile.decompressedContents(of: path)
        guard contents.count >= 4 else {
            throw DataError.truncated(path: path, expectedBytes: 4, actualBytes: contents.count)
        }
        let magic = contents.withUnsafeBytes { Int(UInt32(bigEndian: $0.loadUnaligned(as: UInt32.self))) }
        guard magic >> 8 == 0x08, (1...4).contains(magic & 0xFF) else {
            throw DataError.corrupt(path: path, offset: 0, reason: String(
                format: "magic number 0x%08x is not an IDX file of unsigned bytes (0x00000801 labels, 0x00000803 images)", magic))
        }
        let rank = magic & 0xFF
        let headerSize = 4 + 4 * rank
        guard contents.count >= headerSize else {
            throw DataError.truncated(path: path, expectedBytes: headerSize, actualBytes: contents.count)
        }
        dimensions = contents.withUnsafeBytes { raw in
            (0..<rank).map { Int(UInt32(bigEndian: raw.loadUnaligned(fromByteOffset: 4 + 4 * $0, as: UInt32.self))) }
        }
        let expected = dimensions.reduce(1, *)
        guard contents.count - headerSize >= expected else {
            throw DataError.truncated(path: path, expectedBytes: headerSize + expected, actualBytes: contents.count)
        }
        guard contents.count - headerSize == expected else {
            throw DataError.corrupt(path: path, offset: headerSize + expected, reason: "\(contents.count - headerSize - expected) bytes after the data the header announces")
        }
        bytes = Array(contents[headerSize...])
    }

    /// The whole file, decompressed when it is gzip; a damaged gzip stream is an error, not a short read.
    private static func decompressedContents(of path: String) throws -> [UInt8] {
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw DataError.unreadable(path: path, reason: FileManager.default.fileExists(atPath: path) ? "permission denied" : "no such file")
        }
        guard let file = gzopen(path, "rb") else { throw DataError.unreadable(path: path, reason: "gzopen failed") }
        defer { gzclose(file) }
        gzbuffer(file, 1 << 20)
        var contents: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 22)
        while true {
            let read = chunk.withUnsafeMutableBytes { gzread(file, $0.baseAddress, UInt32($0.count)) }
            if read < 0 || (read == 0 && gzeof(file) == 0) {
                var code: Int32 = 0
                let message = String(cString: gzerror(file, &code))
                throw DataError.corrupt(path: path, offset: contents.count, reason: "gzip: \(message) (after \(contents.count) decompressed bytes)")
            }
            if read == 0 { break }
            contents.append(contentsOf: chunk[0..<Int(read)])
        }
        var code: Int32 = 0
        let message = String(cString: gzerror(file, &code))
        // zlib reports a gzip stream that stops early as Z_BUF_ERROR once reading ends.
        if code == Z_BUF_ERROR || code == Z_DATA_ERROR {
            throw DataError.corrupt(path: path, offset: contents.count, reason: "gzip stream ends early or is damaged: \(message) (after \(contents.count) decompressed bytes)")
        }
        return contents
    }
}
