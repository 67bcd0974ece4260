import Foundation
import LatentCore

/// A new hidden file beside a download's destination, renamed into place once complete, else removed.
///
/// Its name, `.NAME.download-PID`, is new (created exclusively), so nothing already there is overwritten,
/// and it tells a later fetch that a killed process left it (see `DownloadFolder.removeAbandonedDownloads`).
final class PartialDownload {
    let path: String
    let destination: String
    /// Open for writing until moved into place or discarded.
    private(set) var descriptor: Int32
    private var moved = false

    /// The suffix before the process id in a partial download's name.
    static let marker = ".download-"

    init(for destination: String) throws {
        let name = destination.split(separator: "/").last.map(String.init) ?? destination
        path = AtomicFile.folder(of: destination) + "/.\(name)\(PartialDownload.marker)\(getpid())"
        self.destination = destination
        descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw DataError.unwritable(path: path, reason: RegularFile.errorWords(errno)) }
    }

    /// Flushes the data to disk, then renames the file over the destination in one step.
    func moveIntoPlace() throws {
        guard fsync(descriptor) == 0 else {
            throw DataError.unwritable(path: path, reason: RegularFile.errorWords(errno))
        }
        let closed = close(descriptor)
        descriptor = -1
        guard closed == 0 else { throw DataError.unwritable(path: path, reason: RegularFile.errorWords(errno)) }
        guard rename(path, destination) == 0 else {
            throw DataError.unwritable(path: destination, reason: RegularFile.errorWords(errno))
        }
        moved = true
    }

    /// Closes and removes the file unless it was moved into place; it was this process's own.
    func discard() {
        if descriptor >= 0 { close(descriptor) }
        descriptor = -1
        if !moved { unlink(path) }
    }

    deinit { discard() }
}
