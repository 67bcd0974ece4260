import Foundation

/// Writes whole files so that a failed or interrupted save never costs the file that was there before.
///
/// The new contents go to a temporary sibling `NAME.tmp-PID`; every write is checked, the file is synced
/// to disk and only then renamed over `NAME` (and the folder synced). On any failure only that temporary
/// file is removed and the old `NAME` is left byte for byte as it was. A target that is a folder, a
/// device or a FIFO is refused, never replaced. Temporary files of saves that were killed (their
/// process is gone) are removed at the next save of the same target.
public enum AtomicFile {
    /// Why a file could not be written; the message names the file the caller asked for.
    public struct Failure: Error, CustomStringConvertible, Equatable {
        public let path: String
        public let reason: String
        public init(_ path: String, _ reason: String) {
            self.path = path
            self.reason = reason
        }
        public var description: String { "\(path): \(reason)" }
    }

    /// Replaces (or creates) the file at `path` with `text` in UTF-8.
    public static func write(_ text: String, to path: String) throws { try write(Data(text.utf8), to: path) }

    /// Replaces (or creates) the file at `path` with `bytes`.
    public static func write(_ bytes: Data, to path: String) throws {
        try write(to: path) { temporary in
            let descriptor = open(temporary, O_WRONLY | O_TRUNC | O_CLOEXEC | O_NOFOLLOW)
            guard descriptor >= 0 else { throw failure(path, "cannot open the temporary file \(temporary)", errno) }
            var closed = false
            defer { if !closed { close(descriptor) } }
            try bytes.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
                var offset = 0
                while offset < buffer.count {
                    let written = Foundation.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                    if written < 0 && errno == EINTR { continue }
                    guard written > 0 else { throw failure(path, "cannot write", written < 0 ? errno : ENOSPC) }
                    offset += written
                }
            }
            closed = true
            guard close(descriptor) == 0 else { throw failure(path, "cannot write", errno) }
        }
    }

    /// Lets `fill` write the new contents to the temporary path it is given (for libraries such as libhdf5
    /// that open files themselves; `fill` must have closed the file when it returns), then syncs the file
    /// and renames it over `path`.
    public static func write(to path: String, using fill: (_ temporary: String) throws -> Void) throws {
        let target = try checkedTarget(path)
        removeStaleTemporaries(of: target)
        let temporary = target + ".tmp-\(getpid())"
        try createEmpty(temporary, for: path)
        do {
            try fill(temporary)
            try sync(temporary, for: path)
            // A replaced file keeps its permissions; failing to copy them costs nothing worth refusing the save for.
            var existing = stat()
            if stat(target, &existing) == 0 { chmod(temporary, existing.st_mode & 0o7777) }
            guard rename(temporary, target) == 0 else {
                throw failure(path, "cannot move the new file into place", errno)
            }
        } catch {
            unlink(temporary)
            throw error
        }
        syncFolder(of: target)
    }

    /// The file to replace: `path` itself, or the file a symbolic link at `path` points to.
    private static func checkedTarget(_ path: String) throws -> String {
        guard !path.isEmpty else { throw Failure(path, "an empty file name") }
        guard !path.hasSuffix("/") else { throw Failure(path, "names a folder (it ends with /), not a file") }
        var status = stat()
        guard lstat(path, &status) == 0 else { return path }
        var target = path
        if status.st_mode & S_IFMT == S_IFLNK {
            guard stat(path, &status) == 0, let resolved = realpath(path, nil) else {
                throw Failure(path, "is a symbolic link to a missing file")
            }
            target = String(cString: resolved)
            free(resolved)
        }
        switch status.st_mode & S_IFMT {
        case S_IFREG: return target
        case S_IFDIR: throw Failure(path, "is a directory; give a file name inside it (nothing was written)")
        default: throw Failure(path, "is not a regular file (a device, FIFO or socket); nothing was written")
        }
    }

    /// Creates the temporary file empty, so that a missing folder or a permission is reported precisely.
    private static func createEmpty(_ temporary: String, for path: String) throws {
        var status = stat()
        // Only a process with this PID can have made this name; that process is gone, so the file is stale.
        if lstat(temporary, &status) == 0, status.st_mode & S_IFMT == S_IFREG { unlink(temporary) }
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0o666)
        guard descriptor >= 0 else { throw creationFailure(path, errno) }
        guard close(descriptor) == 0 else {
            unlink(temporary)
            throw failure(path, "cannot create a file there", errno)
        }
    }

    private static func creationFailure(_ path: String, _ code: Int32) -> Failure {
        let folder = folder(of: path)
        switch code {
        case ENOENT: return Failure(path, "the folder \(folder) does not exist")
        case ENOTDIR:
            let file = ancestors(of: path).first { isFile($0) } ?? folder
            return Failure(path, "\(file) is a file, not a directory")
        case EACCES, EPERM: return Failure(path, "permission denied (cannot create files in \(folder))")
        default: return failure(path, "cannot create a file in \(folder)", code)
        }
    }

    /// Forces the file's data to disk, so that the rename never exposes a file whose blocks are not there.
    private static func sync(_ temporary: String, for path: String) throws {
        let descriptor = open(temporary, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
        guard descriptor >= 0 else { throw failure(path, "cannot reopen the temporary file \(temporary)", errno) }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else { throw failure(path, "cannot sync the new file to disk", errno) }
    }

    /// Makes the rename itself durable. Best effort: the new file is already in place, and some file
    /// systems refuse to sync folders, which must not turn a successful save into an error.
    private static func syncFolder(of path: String) {
        let descriptor = open(folder(of: path), O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        fsync(descriptor)
        close(descriptor)
    }

    /// Removes `NAME.tmp-PID` files beside `target` whose process no longer exists (saves killed midway).
    private static func removeStaleTemporaries(of target: String) {
        let folder = folder(of: target)
        let prefix = name(of: target) + ".tmp-"
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        for name in names where name.hasPrefix(prefix) {
            guard let pid = Int32(name.dropFirst(prefix.count)), pid > 0, pid != getpid(),
                kill(pid, 0) != 0, errno == ESRCH
            else { continue }
            let stale = folder + "/" + name
            var status = stat()
            if lstat(stale, &status) == 0, status.st_mode & S_IFMT == S_IFREG { unlink(stale) }
        }
    }

    private static func failure(_ path: String, _ what: String, _ code: Int32) -> Failure {
        Failure(path, "\(what): \(String(cString: strerror(code)).lowercased())")
    }

    /// The folder holding `path`: `runs` for `runs/model.h5`, `.` for a bare name, `/` for `/model.h5`.
    /// Written out because swift-corelibs-foundation's `deletingLastPathComponent` traps on some bare names (`q`).
    public static func folder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// The last component of `path`: `model.h5` for `runs/model.h5`.
    private static func name(of path: String) -> String {
        path.lastIndex(of: "/").map { String(path[path.index(after: $0)...]) } ?? path
    }

    /// The folders above `path`, outermost first: `a`, `a/b` for `a/b/c`.
    private static func ancestors(of path: String) -> [String] {
        path.indices.filter { path[$0] == "/" && $0 != path.startIndex }.map { String(path[..<$0]) }
    }

    private static func isFile(_ path: String) -> Bool {
        var status = stat()
        return stat(path, &status) == 0 && status.st_mode & S_IFMT != S_IFDIR
    }
}
