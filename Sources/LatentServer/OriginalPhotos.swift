import Foundation
import LatentImages

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
        // The type is read from the bytes, not from the file's name.
        guard let contentType = ImageSignature(Array(bytes.prefix(18))).mediaType else {
            throw Refusal(.notFound, "image \(row)'s file \(path) is not a \(ImageSignature.formatsRead) image")
        }
        return (bytes, contentType)
    }
}
