#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads JPEG, PNG, GIF (its first frame), BMP, TIFF (its first picture) and still WebP files into upright 8-bit
/// RGB with libjpeg-turbo and libexif, libpng, giflib, Leptonica, libtiff and libwebp.
///
/// The format is told by the file's first bytes, not its name, so a PNG named `.jpg` still reads and
/// a text file named `.jpg` is refused by name. Sizes are checked from the header before decoding.
public enum ImageDecoder {
    /// Decodes the picture file at `path`.
    ///
    /// - Parameters:
    ///   - path: the file; named in every error.
    ///   - limits: the largest file and picture accepted.
    public static func decode(
        contentsOf path: String,
        limits: DecodeLimits = .standard
    ) throws(ImageError) -> DecodedImage {
        try decode(readFile(path, maxBytes: limits.maxBytes), name: path, limits: limits)
    }

    /// Decodes a file, letting a large JPEG be decoded at a reduced scale that keeps its short side at
    /// `minimumShortSide` pixels or more (the other formats have no such shortcut and are always decoded whole).
    static func decode(
        contentsOf path: String, limits: DecodeLimits,
        minimumShortSide: Int
    ) throws(ImageError) -> DecodedImage {
        try decode(
            readFile(path, maxBytes: limits.maxBytes), name: path, limits: limits,
            minimumShortSide: minimumShortSide)
    }

    /// Decodes a picture file's bytes held in memory (an upload).
    ///
    /// - Parameters:
    ///   - bytes: the whole file.
    ///   - name: the file's name or "upload", used in messages.
    ///   - limits: the largest file and picture accepted.
    public static func decode(
        _ bytes: [UInt8], name: String,
        limits: DecodeLimits = .standard
    ) throws(ImageError) -> DecodedImage {
        try decode(bytes, name: name, limits: limits, minimumShortSide: 0)
    }

    static func decode(
        _ bytes: [UInt8], name: String, limits: DecodeLimits,
        minimumShortSide: Int
    ) throws(ImageError) -> DecodedImage {
        guard bytes.count <= limits.maxBytes else {
            throw .tooManyBytes(path: name, bytes: bytes.count, limit: limits.maxBytes)
        }
        switch ImageSignature(bytes) {
        case .jpeg: return try JPEGDecoder.decode(bytes, name: name, limits: limits, minimumShortSide: minimumShortSide)
        case .png: return try PNGDecoder.decode(bytes, name: name, limits: limits)
        case .gif: return try GIFDecoder.decode(bytes, name: name, limits: limits)
        case .bmp: return try BMPDecoder.decode(bytes, name: name, limits: limits)
        case .tiff: return try TIFFDecoder.decode(bytes, name: name, limits: limits)
        case .webp: return try WebPDecoder.decode(bytes, name: name, limits: limits)
        case .empty: throw .notAnImage(path: name, reason: "the file is empty")
        case .other(let description): throw .notAnImage(path: name, reason: description)
        }
    }

    /// The bytes of a regular file, refusing folders, pipes and devices without blocking on them.
    static func readFile(_ path: String, maxBytes: Int) throws(ImageError) -> [UInt8] {
        // O_NONBLOCK: opening a named pipe for reading would otherwise wait for a writer forever.
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { throw .unreadable(path: path, reason: String(cString: strerror(errno))) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            throw .unreadable(path: path, reason: String(cString: strerror(errno)))
        }
        guard status.st_mode & S_IFMT == S_IFREG else {
            let kind = status.st_mode & S_IFMT == S_IFDIR ? "a directory" : "not a regular file"
            throw .unreadable(path: path, reason: "it is \(kind)")
        }
        let size = Int(status.st_size)
        guard size <= maxBytes else { throw .tooManyBytes(path: path, bytes: size, limit: maxBytes) }
        var bytes = [UInt8](repeating: 0, count: size)
        var filled = 0
        while filled < size {
            let count = bytes.withUnsafeMutableBytes { read(descriptor, $0.baseAddress! + filled, size - filled) }
            if count < 0, errno == EINTR { continue }
            guard count >= 0 else { throw .unreadable(path: path, reason: String(cString: strerror(errno))) }
            if count == 0 { break }  // The file shrank while being read: decode what is there.
            filled += count
        }
        return filled == size ? bytes : Array(bytes.prefix(filled))
    }
}
