import Foundation

/// The files under a folder that may be images, labelled by the sub-folder they are in.
///
/// `shoes/a.jpg` and `shoes/2024/b.png` are labelled "shoes"; a file directly in the folder has no label.
/// Hidden files and folders (a leading dot: `.DS_Store`, `.git`) are ignored. Symbolic links to files are
/// followed; links to folders are not (they can loop) and, with pipes, devices and unreadable folders,
/// are listed in `skipped`. Whether a file is really a picture is left to the decoder.
public struct ImageFolder: Sendable {
    public struct Entry: Sendable, Equatable {
        /// The path below the folder, with `/` between components, e.g. `shoes/a.jpg`.
        public let relativePath: String
        /// The first sub-folder's name, or nil for a file directly in the folder.
        public let label: String?
    }

    public let root: String
    /// In order of relative path, byte by byte, so that the same folder always gives the same order.
    public let entries: [Entry]
    /// What was found but cannot be an image file, with the reason.
    public let skipped: [ImageError]

    /// Walks `root` (without recursion, so that any depth is fine).
    public init(scanning folder: String) throws(ImageError) {
        // `photos/` and `photos` name the same folder; messages show `photos/a.jpg` for both.
        var root = folder
        while root.count > 1, root.hasSuffix("/") { root.removeLast() }
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root, isDirectory: &isFolder) else {
            throw .unreadable(path: root, reason: "no such directory")
        }
        guard isFolder.boolValue else { throw .unreadable(path: root, reason: "it is a file, not a directory") }
        var entries: [Entry] = []
        var skipped: [ImageError] = []
        var pending: [String] = [""]
        while let relativeFolder = pending.popLast() {
            let folder = relativeFolder.isEmpty ? root : root + "/" + relativeFolder
            let names: [String]
            do {
                names = try FileManager.default.contentsOfDirectory(atPath: folder)
            } catch {
                skipped.append(.unreadable(path: folder, reason: "the directory cannot be listed"))
                continue
            }
            for name in names where !name.hasPrefix(".") {
                let relative = relativeFolder.isEmpty ? name : relativeFolder + "/" + name
                switch Self.kind(of: folder + "/" + name) {
                case .folder: pending.append(relative)
                case .file: entries.append(Entry(relativePath: relative, label: Self.label(of: relative)))
                case .other(let reason): skipped.append(.unreadable(path: folder + "/" + name, reason: reason))
                }
            }
        }
        self.root = root
        self.entries = entries.sorted {
            Array($0.relativePath.utf8).lexicographicallyPrecedes(Array($1.relativePath.utf8))
        }
        self.skipped = skipped.sorted { $0.path < $1.path }
    }

    /// The full path of an entry.
    public func path(of entry: Entry) -> String { root + "/" + entry.relativePath }

    private static func label(of relativePath: String) -> String? {
        let components = relativePath.split(separator: "/", omittingEmptySubsequences: true)
        return components.count > 1 ? String(components[0]) : nil
    }

    private enum Kind {
        case folder, file
        case other(String)
    }

    private static func kind(of path: String) -> Kind {
        var status = stat()
        guard lstat(path, &status) == 0 else {
            // Foundation lists a name that is not UTF-8 with U+FFFD in place of its bytes, so the file it names
            // cannot be found again.
            if errno == ENOENT, path.contains("\u{FFFD}") {
                return .other("its name is not valid UTF-8, so it cannot be opened by name; rename it")
            }
            return .other(String(cString: strerror(errno)))
        }
        if status.st_mode & S_IFMT == S_IFLNK {
            guard stat(path, &status) == 0 else { return .other("a broken symbolic link") }
            if status.st_mode & S_IFMT == S_IFDIR { return .other("a symbolic link to a directory, not followed") }
        }
        switch status.st_mode & S_IFMT {
        case S_IFDIR: return .folder
        case S_IFREG: return .file
        default: return .other("not a regular file (a pipe, socket or device)")
        }
    }
}
