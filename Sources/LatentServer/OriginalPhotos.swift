import Foundation

/// The folder an index's photos were imported from, for `GET /original/ROW`: it reads only the file the index
/// names for a row, and only when that file, links resolved, lies inside the folder.
///
/// The row comes from the request and the path from the index, so a request cannot name a file; a path in the
/// index that climbs out of the folder (`../`), or a link that points out of it, is refused as if the file were gone.
struct OriginalPhotos: Sendable {
    /// The folder with its links resolved, ending in "/".
    let folder: String

    init(folder: String) {
        let resolved = URL(fileURLWithPath: folder).standardizedFileURL.resolvingSymlinksInPath().path
        self.folder = resolved.hasSuffix("/") ? resolved : resolved + "/"
    }

    /// The bytes and content type of `path` (the index's path of image `row`) below the folder.
    func photo(row: Int, path: String) throws -> (bytes: Data, contentType: String) {
        let file = URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: folder)).standardizedFileURL
            .resolvingSymlinksInPath().path
        // A plain file only: a folder has no bytes and reading a FIFO or a device could wait forever.
        guard file.hasPrefix(folder),
            (try? FileManager.default.attributesOfItem(atPath: file)[.type]) as? FileAttributeType == .typeRegular,
            let bytes = FileManager.default.contents(atPath: file)
        else {
            throw Refusal(.notFound, "image \(row)'s photo \(path) is not in \(folder)")
        }
        guard let contentType = Self.contentType(of: bytes) else {
            throw Refusal(.notFound, "image \(row)'s file \(path) is not a JPEG, PNG, GIF, BMP, TIFF or WebP image")
        }
        return (bytes, contentType)
    }

    /// The image type that `bytes` start with, read from the bytes rather than from the file's name.
    static func contentType(of bytes: Data) -> String? {
        let head = Array(bytes.prefix(12))
        func starts(_ signature: [UInt8], at offset: Int = 0) -> Bool {
            head.count >= offset + signature.count && Array(head[offset..<(offset + signature.count)]) == signature
        }
        if starts([0xFF, 0xD8, 0xFF]) { return "image/jpeg" }
        if starts([0x89, 0x50, 0x4E, 0x47]) { return "image/png" }
        if starts(Array("GIF8".utf8)) { return "image/gif" }
        if starts(Array("BM".utf8)) { return "image/bmp" }
        if starts([0x49, 0x49, 0x2A, 0x00]) || starts([0x4D, 0x4D, 0x00, 0x2A]) { return "image/tiff" }
        if starts(Array("RIFF".utf8)) && starts(Array("WEBP".utf8), at: 8) { return "image/webp" }
        return nil
    }
}
