import CZlib
import Foundation

extension IDXFile {
    /// Writes an IDX file of unsigned bytes, gzip-compressed when `compressed`.
    package static func write(dimensions: [Int], bytes: [UInt8], to path: String, compressed: Bool) throws {
        var contents: [UInt8] = [0, 0, 0x08, UInt8(dimensions.count)]
        for size in dimensions { withUnsafeBytes(of: UInt32(size).bigEndian) { contents += $0 } }
        contents += bytes
        guard compressed else {
            try Data(contents).write(to: URL(fileURLWithPath: path))
            return
        }
        guard let file = gzopen(path, "wb") else { throw DataError.unreadable(path: path, reason: "cannot create") }
        let written = contents.withUnsafeBytes { gzwrite(file, $0.baseAddress, UInt32($0.count)) }
        gzclose(file)
        guard written == contents.count else { throw DataError.unreadable(path: path, reason: "short write") }
    }
}
