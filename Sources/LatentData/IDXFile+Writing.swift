import CZlib
import Foundation
import LatentCore

extension IDXFile {
    /// Writes an IDX file of unsigned bytes, gzip-compressed when `compressed`, through `AtomicFile`.
    package static func write(dimensions: [Int], bytes: [UInt8], to path: String, compressed: Bool) throws {
        var contents: [UInt8] = [0, 0, 0x08, UInt8(dimensions.count)]
        for size in dimensions { withUnsafeBytes(of: UInt32(size).bigEndian) { contents += $0 } }
        contents += bytes
        guard compressed else {
            try AtomicFile.write(Data(contents), to: path)
            return
        }
        try AtomicFile.write(to: path) { temporary in
            guard let file = gzopen(temporary, "wb") else {
                throw DataError.unreadable(path: path, reason: "cannot create")
            }
            let written = contents.withUnsafeBytes { gzwrite(file, $0.baseAddress, UInt32($0.count)) }
            let closed = gzclose(file)
            guard written == contents.count, closed == Z_OK else {
                throw DataError.unreadable(path: path, reason: "short write")
            }
        }
    }
}
