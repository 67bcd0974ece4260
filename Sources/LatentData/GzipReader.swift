import CZlib
import Foundation

/// Reads a gzip or raw file through zlib, a chunk at a time, turning zlib's failures into errors that name the file.
final class GzipReader {
    let path: String
    /// The size of the file on disk (compressed, when it is gzip).
    let fileSize: Int
    private let file: gzFile
    /// Bytes handed out so far, for the offsets in error messages.
    private(set) var position = 0

    /// Opens `path`, refusing anything but a regular file (a FIFO or a device would block or never end).
    init(_ path: String) throws {
        let (descriptor, size) = try RegularFile.openForReading(path)
        guard let file = gzdopen(descriptor, "rb") else {
            close(descriptor)
            throw DataError.unreadable(path: path, reason: "zlib cannot open it")
        }
        self.path = path
        self.fileSize = size
        self.file = file
        gzbuffer(file, 1 << 20)
    }

    deinit { gzclose(file) }

    /// Whether the file is gzip-compressed (zlib reads other files as they are); known after the first read.
    var isCompressed: Bool { gzdirect(file) == 0 }

    /// Fills `buffer` unless the data ends first; returns how many bytes it holds. A damaged stream is an error.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        var filled = 0
        while filled < buffer.count {
            // gzread counts in UInt32 and returns Int32: ask for at most 1 GiB at a time.
            let wanted = UInt32(min(buffer.count - filled, 1 << 30))
            let read = Int(gzread(file, buffer.baseAddress.map { $0 + filled }, wanted))
            if read < 0 { throw damaged(after: position + filled) }
            if read == 0 { break }
            filled += read
        }
        position += filled
        if filled < buffer.count, isCompressed {
            var code: Int32 = 0
            _ = gzerror(file, &code)
            // zlib reports a gzip stream that stops early as Z_BUF_ERROR once reading ends.
            if code != Z_OK { throw damaged(after: position) }
        }
        return filled
    }

    /// `count` bytes, or fewer when the data ends first.
    func read(upTo count: Int) throws -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        let read = try bytes.withUnsafeMutableBytes { try self.read(into: $0) }
        return Array(bytes.prefix(read))
    }

    private func damaged(after offset: Int) -> DataError {
        var code: Int32 = 0
        let message = String(cString: gzerror(file, &code))
        return .corrupt(
            path: path, offset: offset,
            reason: "gzip stream ends early or is damaged: \(message) (after \(offset) decompressed bytes)")
    }
}
