/// Reads an image file's bytes into the pixels an index's code space takes, processed the way the index's
/// database was (size, colour, crop).
public protocol ImagePreparing: Sendable {
    /// The image in `bytes` as planar values in [0, 1], C * H * W of them for the index's shape.
    ///
    /// - Parameters:
    ///   - bytes: the file's contents, as read or uploaded (JPEG, PNG, GIF, BMP, TIFF or WebP).
    ///   - name: the file or upload, for messages.
    func prepare(_ bytes: [UInt8], name: String) throws -> [Float]
}
