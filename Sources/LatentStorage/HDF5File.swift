// @preconcurrency: H5P_CLS_FILE_ACCESS_ID_g (what the H5P_FILE_ACCESS macro reads) is a C global that H5open sets
// once; Swift 6 refuses a plain reference to it. A shim function in CHDF5 would make this import plain again.
@preconcurrency import CHDF5
import Foundation
import LatentCore

/// An open HDF5 file: float32 datasets, string and integer attributes.
///
/// A thin layer over libhdf5's C API that checks every call; every failure names the file and the
/// object path, and says why when the operating system gave a reason (full disk, permission).
/// Writers build the file in memory and hand its bytes to `AtomicFile`; `deinit` closes what is left open.
package final class HDF5File {
    /// The file that messages name: the one read, or the one an in-memory file will be saved as.
    package let name: String
    /// Bytes on disk when opened for reading: no dataset may need more than the file can hold.
    package let size: Int
    let id: hid_t
    private var isOpen = true

    private init(name: String, size: Int, id: hid_t) {
        self.name = name
        self.size = size
        self.id = id
    }

    deinit {
        if isOpen { H5Fclose(id) }
        if size > 0 { DamagedFileGuard.end() }  // only files opened for reading have a size
    }

    /// Creates an empty HDF5 file in memory; `closeReturningImage()` gives its bytes for `AtomicFile` to write.
    ///
    /// libhdf5 never touches the disk this way: every write to disk is AtomicFile's, checked and synced, and a
    /// full disk cannot leave libhdf5 holding a half-written file that it failed to close (1.10 then crashed).
    package static func createInMemory(named name: String) throws -> HDF5File {
        prepareLibrary()
        let fileAccess = H5Pcreate(H5P_CLS_FILE_ACCESS_ID_g)
        guard fileAccess >= 0 else { throw failure(name, "cannot create an HDF5 file in memory") }
        // Memory grows 1 MB at a time; no backing file.
        let configured = H5Pset_fapl_core(fileAccess, 1 << 20, false)
        let id = configured >= 0 ? H5Fcreate(name, latent_h5f_acc_trunc(), latent_h5p_default(), fileAccess) : -1
        let creationError = id < 0 ? failure(name, "cannot create an HDF5 file in memory") : nil
        let released = H5Pclose(fileAccess)
        if let creationError { throw creationError }
        let file = HDF5File(name: name, size: 0, id: id)
        guard released >= 0 else { throw failure(name, "cannot create an HDF5 file in memory") }
        return file
    }

    /// Creates `path` through `AtomicFile` with libhdf5 writing the temporary file itself: for files too large to
    /// build in memory first (an index with many thumbnails). `fill` adds the datasets and attributes; on any failure
    /// the temporary file is removed and any previous file at `path` is left as it was.
    ///
    /// - Parameters:
    ///   - path: the file to write, which messages name.
    ///   - fill: writes the contents.
    package static func write(to path: String, _ fill: (HDF5File) throws -> Void) throws {
        try AtomicFile.write(to: path) { temporary in
            prepareLibrary()
            let id = H5Fcreate(temporary, latent_h5f_acc_trunc(), latent_h5p_default(), latent_h5p_default())
            guard id >= 0 else { throw failure(path, "cannot create an HDF5 file there") }
            let file = HDF5File(name: path, size: 0, id: id)
            try fill(file)
            file.isOpen = false
            guard H5Fclose(id) >= 0 else { throw failure(path, "cannot finish writing the HDF5 file") }
        }
    }

    /// Opens a file for reading, telling a missing, unreadable, non-HDF5 and damaged file apart.
    package static func open(_ path: String) throws -> HDF5File {
        prepareLibrary()
        let size = try readableFileSize(path)
        guard size > 0 else { throw LatentError("\(path): the file is empty (0 bytes), not an HDF5 file") }
        guard H5Fis_hdf5(path) > 0 else { throw LatentError("\(path): not an HDF5 file (no HDF5 signature)") }
        DamagedFileGuard.begin(reading: path)
        let id = H5Fopen(path, latent_h5f_acc_rdonly(), latent_h5p_default())
        guard id >= 0 else {
            DamagedFileGuard.end()
            throw failure(path, "damaged or truncated HDF5 file (libhdf5 cannot open it)")
        }
        return HDF5File(name: path, size: size, id: id)
    }

    /// Flushes and closes a file made by `createInMemory`, returning the bytes a file on disk would hold.
    /// Every step is checked: a failure here means the image is incomplete and must not be written.
    package func closeReturningImage() throws -> Data {
        precondition(isOpen, "\(name): closed twice")
        isOpen = false
        var image = Data()
        var imageError: LatentError?
        let size = H5Fflush(id, H5F_SCOPE_GLOBAL) >= 0 ? H5Fget_file_image(id, nil, 0) : -1
        if size > 0 {
            image = Data(count: size)
            let copied = image.withUnsafeMutableBytes { H5Fget_file_image(id, $0.baseAddress, size) }
            if copied != size { imageError = failure("cannot finish the HDF5 file in memory") }
        } else {
            imageError = failure("cannot finish the HDF5 file in memory")
        }
        let closed = H5Fclose(id)
        if let imageError { throw imageError }
        guard closed >= 0 else { throw failure("cannot close the HDF5 file") }
        return image
    }

    /// The size of a regular, readable file, or an error that says which of those it is not.
    private static func readableFileSize(_ path: String) throws -> Int {
        var status = stat()
        guard stat(path, &status) == 0 else {
            let code = errno
            if code == ENOENT { throw LatentError("\(path): no such file") }
            throw LatentError("\(path): \(reason(code))")
        }
        switch status.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: throw LatentError("\(path): is a directory, not an HDF5 file")
        default: throw LatentError("\(path): not a regular file (a device, FIFO or socket), not an HDF5 file")
        }
        let descriptor = Foundation.open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw LatentError("\(path): \(reason(errno))") }
        Foundation.close(descriptor)
        return Int(status.st_size)
    }

    // MARK: Errors

    /// Runs before every entry point. HDF5 prints its error stack to standard error by default; Latent reports
    /// errors itself, and the setting is per thread in a thread-safe libhdf5, hence every time.
    private static func prepareLibrary() {
        _ = libraryStaysAtExit
        H5Eset_auto2(latent_h5e_default(), nil, nil)
    }

    /// libhdf5 closes the files still open when the process exits, and one whose close already failed crashes
    /// it there (1.10). Latent closes its files itself, so the library is told to skip that step, which it only
    /// accepts before its first use; `H5open` then initialises it, property list classes included.
    private static let libraryStaysAtExit: Void = {
        H5dont_atexit()
        H5open()
    }()

    /// An error naming `file` and what failed, with the operating system's reason when libhdf5 recorded one.
    /// Call it right after the failing libhdf5 call: the next call clears the error stack.
    static func failure(_ file: String, _ what: String) -> LatentError {
        LatentError("\(file): \(what)" + (systemErrorCode().map { ": \(reason($0))" } ?? ""))
    }

    func failure(_ what: String) -> LatentError { HDF5File.failure(name, what) }

    private static func reason(_ code: Int32) -> String { String(cString: strerror(code)).lowercased() }

    /// The `errno` that libhdf5's file driver recorded on the current error stack ("..., errno = 28, ...").
    private static func systemErrorCode() -> Int32? {
        final class Found { var code: Int32? }
        let found = Found()
        H5Ewalk2(
            latent_h5e_default(), H5E_WALK_UPWARD,
            { _, error, context in
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
    func using<Result>(
        _ opened: hid_t, _ what: @autoclosure () -> String, close: (hid_t) -> herr_t,
        _ body: (hid_t) throws -> Result
    ) throws -> Result {
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
    package func exists(_ objectPath: String) -> Bool {
        var prefix = ""
        for component in objectPath.split(separator: "/") {
            prefix += "/" + component
            guard H5Lexists(id, prefix, latent_h5p_default()) > 0 else { return false }
        }
        return true
    }

    /// Creates an empty group (and the groups above it).
    package func createGroup(_ objectPath: String) throws {
        try using(H5Pcreate(latent_h5p_link_create()), "create group \(objectPath)", close: H5Pclose) { links in
            try check(H5Pset_create_intermediate_group(links, 1), "create group \(objectPath)")
            try using(
                H5Gcreate2(id, objectPath, links, latent_h5p_default(), latent_h5p_default()),
                "create group \(objectPath)", close: H5Gclose
            ) { _ in }
        }
    }
}
