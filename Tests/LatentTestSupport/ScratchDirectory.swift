import Foundation

/// A new empty directory under the system's temporary directory, removed with everything in it on deinit.
public final class ScratchDirectory {
    public let path: String

    public init() throws { path = try TestData.scratchDirectory() }

    /// `name` inside the directory.
    public func path(_ name: String) -> String { (path as NSString).appendingPathComponent(name) }

    deinit {
        ScratchDirectory.makeRemovable(path)
        try? FileManager.default.removeItem(atPath: path)
    }

    /// Gives back the permissions a test took from directories to provoke "permission denied"; a file's own
    /// mode never stops its removal. `lstat`, so that a symbolic link's target (say /dev/zero) is never touched.
    private static func makeRemovable(_ directory: String) {
        var status = stat()
        guard lstat(directory, &status) == 0, status.st_mode & S_IFMT == S_IFDIR else { return }
        chmod(directory, 0o700)
        for name in (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [] {
            makeRemovable((directory as NSString).appendingPathComponent(name))
        }
    }
}
