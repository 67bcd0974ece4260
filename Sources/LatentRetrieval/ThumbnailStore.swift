/// Where thumbnails too many to hold in memory are kept (an index file on disk): read a few rows at a time, from any
/// thread.
public protocol ThumbnailStore: AnyObject, Sendable {
    /// The bytes of the thumbnails `rows`, (rows, H, W, C) row-major.
    ///
    /// - Parameter rows: rows of the set, within its count.
    func bytes(rows: Range<Int>) throws -> [UInt8]
}
