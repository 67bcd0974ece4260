import Foundation
import LatentCore

/// The checks and chores of the folder a dataset is fetched into.
enum DownloadFolder {
    /// Creates `directory` and its missing parents; a file anywhere in the way is an error naming it.
    static func create(_ directory: String) throws {
        if let status = try RegularFile.status(of: directory) {
            guard status.st_mode & S_IFMT == S_IFDIR else {
                throw DataError.unwritable(
                    path: directory,
                    reason: "it is \(RegularFile.what(status.st_mode)), not a directory")
            }
            return
        }
        let parent = AtomicFile.folder(of: directory)
        if !parent.isEmpty, parent != directory { try create(parent) }
        guard mkdir(directory, 0o755) == 0 || errno == EEXIST else {
            throw DataError.unwritable(path: directory, reason: RegularFile.errorWords(errno))
        }
    }

    /// Whether a regular file is at `destination` (`false`: nothing is); anything else in the way is an error,
    /// because a fetch never removes what it did not write.
    static func holdsFile(_ destination: String) throws -> Bool {
        guard let status = try RegularFile.status(of: destination) else { return false }
        if let kind = RegularFile.kind(of: status.st_mode) {
            throw DataError.unwritable(
                path: destination,
                reason: "it is \(kind), where the dataset file goes; "
                    + "fetch removes nothing it did not write, so move it away first")
        }
        return true
    }

    /// Removes partial downloads left by fetches that were killed (their process is gone); nothing else.
    static func removeAbandonedDownloads(in directory: String) {
        for name in (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [] {
            guard name.hasPrefix("."), let marker = name.range(of: PartialDownload.marker, options: .backwards),
                let pid = Int32(name[marker.upperBound...]),
                KnownDataset.fileNames.contains(
                    String(name[name.index(after: name.startIndex)..<marker.lowerBound]))
            else { continue }
            let path = (directory as NSString).appendingPathComponent(name)
            var status = stat()
            guard lstat(path, &status) == 0, status.st_mode & S_IFMT == S_IFREG,
                kill(pid, 0) != 0, errno == ESRCH
            else { continue }
            unlink(path)
        }
    }
}
