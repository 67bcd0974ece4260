import LatentRetrieval
import LatentStorage

/// Thumbnails kept in an HDF5 dataset on disk, an index file's `/thumbnails` or a build's scratch file, read a few
/// rows at a time when a page or a picture needs them.
final class DiskThumbnails: ThumbnailStore {
    let rows: HDF5ByteRows

    init(_ rows: HDF5ByteRows) { self.rows = rows }

    func bytes(rows range: Range<Int>) throws -> [UInt8] { try rows.read(range) }
}
