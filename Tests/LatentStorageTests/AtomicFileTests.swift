import Foundation
import LatentCore
import LatentTestSupport
import Testing

@Suite final class AtomicFileTests {
    let directory: String
    init() throws { directory = try TestData.scratchDirectory() }
    deinit { try? FileManager.default.removeItem(atPath: directory) }
    func path(_ name: String) -> String { (directory as NSString).appendingPathComponent(name) }
    func contents(_ name: String) throws -> String { try String(contentsOfFile: path(name), encoding: .utf8) }
    func listing() throws -> [String] { try FileManager.default.contentsOfDirectory(atPath: directory).sorted() }

    @Test func replacesAFileWholeAndLeavesNoTemporaryFile() throws {
        try AtomicFile.write("old", to: path("a.txt"))
        try AtomicFile.write("new and longer", to: path("a.txt"))
        #expect(try contents("a.txt") == "new and longer")
        #expect(try listing() == ["a.txt"])
    }

    @Test func aDirectoryAtTheTargetIsAnErrorAndKeepsItsContents() throws {
        try FileManager.default.createDirectory(atPath: path("pictures"), withIntermediateDirectories: false)
        try AtomicFile.write("precious", to: path("pictures/keep.txt"))
        #expect(
            throws: AtomicFile.Failure(
                path("pictures"), "is a directory; give a file name inside it (nothing was written)")
        ) {
            try AtomicFile.write(Data([1, 2, 3]), to: self.path("pictures"))
        }
        #expect(try contents("pictures/keep.txt") == "precious")
        #expect(try listing() == ["pictures"])
    }

    @Test func aFIFOAtTheTargetIsRefusedNotReplaced() throws {
        #expect(mkfifo(path("pipe"), 0o644) == 0)
        #expect(throws: AtomicFile.Failure.self) { try AtomicFile.write("x", to: self.path("pipe")) }
        var status = stat()
        #expect(lstat(path("pipe"), &status) == 0 && status.st_mode & S_IFMT == S_IFIFO)
    }

    @Test func staleTemporaryFilesOfDeadProcessesAreRemovedOthersKept() throws {
        // Linux PIDs stop at 4,194,304, so 9999999 is never alive; PID 1 always is.
        try AtomicFile.write("killed mid-save", to: path("model.h5.tmp-9999999"))
        try AtomicFile.write("a save still running", to: path("model.h5.tmp-1"))
        try AtomicFile.write("not ours", to: path("model.h5.tmp-backup"))
        try AtomicFile.write("other target", to: path("other.h5.tmp-9999999"))
        try AtomicFile.write("model", to: path("model.h5"))
        #expect(try listing() == ["model.h5", "model.h5.tmp-1", "model.h5.tmp-backup", "other.h5.tmp-9999999"])
    }

    /// Foundation's `deletingLastPathComponent` traps on `q`; a save to a bare one-letter name must not.
    @Test(arguments: [("q", "."), ("model.h5", "."), ("/model.h5", "/"), ("runs/q", "runs"), ("/a/b/c.png", "/a/b")])
    func theFolderOfAPath(path: String, folder: String) {
        #expect(AtomicFile.folder(of: path) == folder)
    }

    @Test func aPathThroughARegularFileNamesThatFile() throws {
        try AtomicFile.write("I am a file", to: path("notes"))
        #expect(throws: AtomicFile.Failure(path("notes/out.png"), "\(path("notes")) is a file, not a directory")) {
            try AtomicFile.write("x", to: self.path("notes/out.png"))
        }
        #expect(try contents("notes") == "I am a file")
    }

    @Test func aMissingFolderIsNamed() throws {
        #expect(throws: AtomicFile.Failure(path("none/out.txt"), "the folder \(path("none")) does not exist")) {
            try AtomicFile.write("x", to: self.path("none/out.txt"))
        }
        #expect(try listing() == [])
    }

    @Test func aSymbolicLinkIsWrittenThroughAndStaysALink() throws {
        try AtomicFile.write("old", to: path("real.txt"))
        try FileManager.default.createSymbolicLink(atPath: path("link.txt"), withDestinationPath: path("real.txt"))
        try AtomicFile.write("new", to: path("link.txt"))
        #expect(try contents("real.txt") == "new")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: path("link.txt")) == path("real.txt"))
    }

    @Test func aFailureInsideTheWriterKeepsTheOldFileAndRemovesOnlyItsTemporary() throws {
        struct Interrupted: Error {}
        try AtomicFile.write("old", to: path("a.txt"))
        var temporary = ""
        #expect(throws: Interrupted.self) {
            try AtomicFile.write(to: self.path("a.txt")) { path in
                temporary = path
                try "half".write(toFile: path, atomically: false, encoding: .utf8)
                throw Interrupted()
            }
        }
        #expect(temporary == path("a.txt") + ".tmp-\(getpid())")
        #expect(try contents("a.txt") == "old")
        #expect(try listing() == ["a.txt"])
    }

    @Test(.enabled(if: getuid() != 0, "root may write anywhere: run the tests as a user to check permissions"))
    func anUnwritableFolderSaysPermissionDenied() throws {
        try FileManager.default.createDirectory(atPath: path("locked"), withIntermediateDirectories: false)
        chmod(path("locked"), 0o500)
        defer { chmod(path("locked"), 0o700) }
        #expect(
            throws: AtomicFile.Failure(
                path("locked/a.txt"), "permission denied (cannot create files in \(path("locked")))")
        ) {
            try AtomicFile.write("x", to: self.path("locked/a.txt"))
        }
    }

    @Test(.enabled(if: Tmpfs.isAvailable, "needs root and the right to mount a small tmpfs"))
    func aFullDiskKeepsTheOldFileByteForByte() throws {
        try Tmpfs.mounted(size: "256k") { disk in
            let target = disk + "/table.csv"
            try AtomicFile.write("the old table\n", to: target)
            #expect {
                try AtomicFile.write(Data(repeating: 7, count: 512 * 1024), to: target)
            } throws: { error in
                "\(error)" == "\(target): cannot write: no space left on device"
            }
            #expect(try String(contentsOfFile: target, encoding: .utf8) == "the old table\n")
            #expect(try FileManager.default.contentsOfDirectory(atPath: disk) == ["table.csv"])
        }
    }
}
