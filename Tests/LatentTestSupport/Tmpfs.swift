import Foundation

/// A small tmpfs mounted for one test, so that a full disk can be made without touching the real one.
/// Mounting needs root (and the right to mount); tests that need it are skipped with a note otherwise.
public enum Tmpfs {
    /// Whether this process can mount one: root, and a trial mount works.
    public static let isAvailable: Bool = getuid() == 0 && (try? mounted(size: "64k") { _ in }) != nil

    /// Mounts a tmpfs of `size` (as `mount -o size=` reads it) on a fresh folder, runs `body` with the folder,
    /// then unmounts and removes it, also when `body` throws.
    public static func mounted(size: String, _ body: (String) throws -> Void) throws {
        let folder = try TestData.scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try run("/bin/mount", ["-t", "tmpfs", "-o", "size=\(size)", "tmpfs", folder])
        defer { try? run("/bin/umount", [folder]) }
        try body(folder)
    }

    /// Fills the file system holding `folder` with a file named `filler` until only `free` bytes are left.
    public static func fill(_ folder: String, leaving free: Int) throws {
        let path = folder + "/filler"
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else { throw POSIXError(.EIO) }
        defer { close(descriptor) }
        let block = [UInt8](repeating: 0, count: 4096)
        var size = 0
        while true {
            let written = block.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            guard written > 0 else { break }
            size += written
        }
        guard ftruncate(descriptor, off_t(max(size - free, 0))) == 0 else { throw POSIXError(.EIO) }
    }

    private static func run(_ tool: String, _ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw POSIXError(.EPERM) }
    }
}
