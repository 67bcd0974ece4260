import Foundation

/// A run's hold on its output folder while it writes there, so that a second run given the same folder is refused
/// at once instead of mixing its checkpoint and metrics with the first's.
///
/// It is an advisory flock(2) on the folder itself, not a lock file: nothing is written, so nothing is left
/// behind, and the kernel lets go when the holder is released or its process ends, however it ends. A file system
/// that cannot lock (some network mounts) is not a reason to refuse a run: there the hold is only not taken.
public final class FolderLock {
    /// The open folder that holds the lock; -1 where none was taken.
    private var descriptor: Int32 = -1

    /// Creates `folder` if it is missing and holds it.
    /// - Parameter folder: the output folder of one run.
    /// - Throws: `LatentError` naming the folder when another holder has it, or when it cannot be created.
    public init(creating folder: String) throws {
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw LatentError("\(folder): cannot create the output folder (\(error.localizedDescription))")
        }
        let opened = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard opened >= 0 else { return }
        guard flock(opened, LOCK_EX | LOCK_NB) != 0 else {
            descriptor = opened
            return
        }
        let reason = errno
        close(opened)
        guard reason == EWOULDBLOCK else { return }
        throw LatentError(
            "\(folder) is the output folder of another run that is still writing there; wait for it to end, or "
                + "give another folder")
    }

    deinit { if descriptor >= 0 { close(descriptor) } }
}
