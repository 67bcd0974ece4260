import CHDF5
import Foundation

/// An open HDF5 file: float32 datasets, string and integer attributes.
///
/// A thin layer over libhdf5's C API that checks every call; every failure names the file and the
/// object path, and says why when the operating system gave a reason (full disk, permission).
/// Writers call `close()` and treat its failure as theirs; `deinit` only closes what an error left open.
final class HDF5File {
    /// The file that messages name: what the user asked for (libhdf5 may be writing a temporary sibling).
    let name: String
    /// Bytes on disk when opened for reading: no dataset may need more than the file can hold.
    let size: Int
    let id: hid_t
    private var isOpen = true

    private init(name: String, size: Int, id: hid_t) {
        self.name = name
        self.size = size
        self.id = id
    }

    deinit { if isOpen { H5Fclose(id) } }

    /// Creates (or truncates) the file at `path`; errors name `name`.
    static func create(_ path: String, reportingAs name: String) throws -> HDF5File {
        silenceErrorStack()
        let id = H5Fcreate(path, latent_h5f_acc_trunc(), latent_h5p_default(), latent_h5p_default())
        guard id >= 0 else { throw failure(name, "cannot create an HDF5 file") }
        return HDF5File(name: name, size: 0, id: id)
    }

    /// Opens a file for reading, telling a missing, unreadable, non-HDF5 and damaged file apart.
    static func open(_ path: String) throws -> HDF5File {
        silenceErrorStack()
        let size = try readableFileSize(path)
        guard size > 0 else { throw StorageError("\(path): the file is empty (0 bytes), not an HDF5 file") }
        guard H5Fis_hdf5(path) > 0 else { throw StorageError("\(path): not an HDF5 file (no HDF5 signature)") }
        let id = H5Fopen(path, latent_h5f_acc_rdonly(), latent_h5p_default())
        guard id >= 0 else { throw failure(path, "damaged or truncated HDF5 file (libhdf5 cannot open it)") }
        return HDF5File(name: path, size: size, id: id)
    }

    /// Writes everything out and closes the file; a failure here means the file on disk is incomplete.
    func close() throws {
        guard isOpen else { return }
        isOpen = false
        let flushed = H5Fflush(id, H5F_SCOPE_GLOBAL)
        let flushError = flushed < 0 ? HDF5File.failure(name, "cannot write the file to disk") : nil
        let closed = H5Fclose(id)
        if let flushError { throw flushError }
        guard closed >= 0 else { throw HDF5File.failure(name, "cannot close the file") }
    }

    /// The size of a regular, readable file, or an error that says which of those it is not.
    private static func readableFileSize(_ path: String) throws -> Int {
        var status = stat()
        guard stat(path, &status) == 0 else {
            let code = errno
            if code == ENOENT { throw StorageError("\(path): no such file") }
            throw StorageError("\(path): \(reason(code))")
        }
        switch status.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: throw StorageError("\(path): is a directory, not an HDF5 file")
        default: throw StorageError("\(path): not a regular file (a device, FIFO or socket), not an HDF5 file")
        }
        let descriptor = Foundation.open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw StorageError("\(path): \(reason(errno))") }
        Foundation.close(descriptor)
        return Int(status.st_size)
    }

    // MARK: Errors

    /// Runs before every entry point. HDF5 prints its error stack to standard error by default; Latent reports
    /// errors itself, and the setting is per thread in a thread-safe libhdf5, hence every time.
    private static func silenceErrorStack() {
        _ = libraryStaysAtExit
        H5Eset_auto2(latent_h5e_default(), nil, nil)
    }

    /// libhdf5 closes the files still open when the process exits; a file whose close already failed (a full
    /// disk) crashes it there (1.10). Latent closes its files itself, so the library is told to skip that step,
    /// which it only accepts before its first use.
    private static let libraryStaysAtExit: Void = { H5dont_atexit() }()

    /// An error naming `file` and what failed, with the operating system's reason when libhdf5 recorded one.
    /// Call it right after the failing libhdf5 call: the next call clears the error stack.
    static func failure(_ file: String, _ what: String) -> StorageError {
        StorageError("\(file): \(what)" + (systemErrorCode().map { ": \(reason($0))" } ?? ""))
    }

    func failure(_ what: String) -> StorageError { HDF5File.failure(name, what) }

    private static func reason(_ code: Int32) -> String { String(cString: strerror(code)).lowercased() }

    /// The `errno` that libhdf5's file driver recorded on the current error stack ("..., errno = 28, ...").
    private static func systemErrorCode() -> Int32? {
        final class Found { var code: Int32? }
        let found = Found()
        H5Ewalk2(latent_h5e_default(), H5E_WALK_UPWARD, { _, error, context in
            guard let error, let context, let description = error.pointee.desc else { return 0 }
            let text = String(cString: description)
            guard let marker = text.range(of: "errno = ") else { return 0 }
            let found = Unmanaged<Found>.fromOpaque(context).takeUnretainedValue()
            found.code = found.code ?? Int32(text[marker.upperBound...].prefix { $0.isNumber })
            return 0
        }, Unmanaged.passUnretained(found).toOpaque())
        return found.code.flatMap { $0 > 0 ? $0 : nil }
    }

    // MARK: Objects

    /// Runs `body` on the object that `opened` identifies and closes it afterwards, checking both:
    /// a negative id is a failure to `what`, and so is a failed close (it may be the write that mattered).
    func using<Result>(_ opened: hid_t, _ what: @autoclosure () -> String, close: (hid_t) -> herr_t,
                       _ body: (hid_t) throws -> Result) throws -> Result {
        guard opened >= 0 else { throw failure("cannot \(what())") }
        let result: Result
        do {
            result = try body(opened)
        } catch {
            _ = close(opened)
            throw error
        }
        guard close(opened) >= 0 else { throw failure("cannot \(what())") }
        return result
    }

    /// Throws when a libhdf5 call that returns a status failed.
    func check(_ status: herr_t, _ what: @autoclosure () -> String) throws {
        guard status >= 0 else { throw failure("cannot \(what())") }
    }

    /// Whether a link exists at every step of `objectPath`.
    func exists(_ objectPath: String) -> Bool {
        var prefix = ""
        for component in objectPath.split(separator: "/") {
            prefix += "/" + component
            guard H5Lexists(id, prefix, latent_h5p_default()) > 0 else { return false }
        }
        return true
    }

    /// Creates an empty group (and the groups above it).
    func createGroup(_ objectPath: String) throws {
        try using(H5Pcreate(latent_h5p_link_create()), "create group \(objectPath)", close: H5Pclose) { links in
            try check(H5Pset_create_intermediate_group(links, 1), "create group \(objectPath)")
            try using(H5Gcreate2(id, objectPath, links, latent_h5p_default(), latent_h5p_default()),
                      "create group \(objectPath)", close: H5Gclose) { _ in }
        }
    }
}
