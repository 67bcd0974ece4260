import Foundation
import LatentTestSupport
import Testing

@testable import LatentData

/// Paths that are not regular files are refused at once: nothing blocks on a FIFO or reads /dev/zero forever.
@Suite struct FileKindTests {
    let scratch: ScratchDirectory
    init() throws { scratch = try ScratchDirectory() }

    @Test func aFIFOIsRefusedWithoutWaitingForAWriter() throws {
        let path = scratch.path("fifo.gz")
        #expect(mkfifo(path, 0o644) == 0)
        #expect(throws: DataError.unreadable(path: path, reason: "it is a FIFO (named pipe), not a regular file")) {
            _ = try IDXFile(contentsOf: path)
        }
    }

    @Test func aLinkToDevZeroIsRefused() throws {
        let path = scratch.path("zero.gz")
        try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: "/dev/zero")
        #expect(throws: DataError.unreadable(path: path, reason: "it is a character device, not a regular file")) {
            _ = try IDXFile(contentsOf: path)
        }
        #expect(throws: DataError.unreadable(path: path, reason: "it is a character device, not a regular file")) {
            _ = try DatasetFetcher.md5(ofFileAt: path)
        }
    }

    @Test func aDirectoryWhereAFileBelongsIsNamed() throws {
        let path = scratch.path("images.gz")
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
        #expect(throws: DataError.unreadable(path: path, reason: "it is a directory, not a regular file")) {
            _ = try IDXFile(contentsOf: path)
        }
    }

    /// Root reads any file whatever its mode, but not a sysfs attribute that has no reader: permission denied
    /// for everyone, so this test means the same as root and as a user.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/sys/bus/cpu/drivers_probe")))
    func aFileNobodyMayReadSaysPermissionDenied() throws {
        let path = scratch.path("images.gz")
        try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: "/sys/bus/cpu/drivers_probe")
        #expect(throws: DataError.unreadable(path: path, reason: "permission denied")) {
            _ = try IDXFile(contentsOf: path)
        }
    }

    @Test(.enabled(if: getuid() != 0, "root reads a file of mode 000"))
    func aFileOfMode000SaysPermissionDenied() throws {
        let path = scratch.path("images.gz")
        try IDXFile.write(dimensions: [1], bytes: [0], to: path, compressed: true)
        #expect(chmod(path, 0) == 0)
        #expect(throws: DataError.unreadable(path: path, reason: "permission denied")) {
            _ = try IDXFile(contentsOf: path)
        }
    }
}
