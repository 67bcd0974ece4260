import Foundation

/// Opens paths for reading only when they are regular files, and says in words what else they are.
///
/// A FIFO blocks `open` until a writer comes and `/dev/zero` never ends: readers that trust the
/// path hang or eat memory. Checking the descriptor (not the path) leaves no gap for a swap.
enum RegularFile {
    /// A descriptor for reading `path` and the file's size in bytes; the caller closes it.
    static func openForReading(_ path: String) throws -> (descriptor: Int32, size: Int) {
        // O_NONBLOCK keeps open() from waiting for a FIFO's writer; it changes nothing for the regular
        // files that are read afterwards.
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { throw DataError.unreadable(path: path, reason: errorWords(errno)) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            let reason = errorWords(errno)
            close(descriptor)
            throw DataError.unreadable(path: path, reason: reason)
        }
        guard let kind = kind(of: status.st_mode) else { return (descriptor, Int(status.st_size)) }
        close(descriptor)
        throw DataError.unreadable(path: path, reason: "it is \(kind), not a regular file")
    }

    /// What a path is when it is not a regular file ("a directory", "a FIFO (named pipe)", ...), else `nil`.
    static func kind(of mode: mode_t) -> String? {
        switch mode & S_IFMT {
        case S_IFREG: return nil
        case S_IFDIR: return "a directory"
        case S_IFIFO: return "a FIFO (named pipe)"
        case S_IFCHR: return "a character device"
        case S_IFBLK: return "a block device"
        case S_IFSOCK: return "a socket"
        default: return "not a file"
        }
    }

    /// What a path is, in words: "a regular file", "a directory", ...
    static func what(_ mode: mode_t) -> String { kind(of: mode) ?? "a regular file" }

    /// What lies at `path`, following symbolic links: `nil` when nothing does.
    static func status(of path: String) throws -> stat? {
        var status = stat()
        if stat(path, &status) == 0 { return status }
        if errno == ENOENT { return nil }
        throw DataError.unreadable(path: path, reason: errorWords(errno))
    }

    /// An `errno` value in words for a one-line message ("permission denied", "no such file").
    static func errorWords(_ code: Int32) -> String {
        switch code {
        case EACCES, EPERM: return "permission denied"
        case ENOENT: return "no such file"
        case ENOTDIR: return "a part of the path is not a directory"
        default: return String(cString: strerror(code)).lowercased()
        }
    }
}
