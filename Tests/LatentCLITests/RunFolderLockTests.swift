import Foundation
import LatentCore
import LatentTestSupport
import Testing

@testable import latent

/// Two runs into one output folder: the second is refused while the first writes there.
@Suite struct RunFolderLockTests {
    @Test func aHeldFolderIsRefusedUntilItsHolderLetsGo() throws {
        let scratch = try ScratchDirectory()
        let folder = scratch.path("runs/one")
        var first: FolderLock? = try FolderLock(creating: folder)
        #expect(FileManager.default.fileExists(atPath: folder))
        let refusal = LatentError(
            "\(folder) is the output folder of another run that is still writing there; wait for it to end, or "
                + "give another folder")
        #expect(throws: refusal) { try FolderLock(creating: folder) }
        withExtendedLifetime(first) {}
        first = nil
        _ = try FolderLock(creating: folder)
        // No lock file: the folder holds what runs write and nothing else.
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty)
    }

    @Test func trainingIntoAFolderAnotherRunHoldsIsRefusedAndWritesNothing() throws {
        let scratch = try ScratchDirectory()
        let out = scratch.path("run")
        let other = try FolderLock(creating: out)
        defer { withExtendedLifetime(other) {} }
        let command = try TrainAutoencoder.parse([
            "--dataset", "fashion-mnist", "--data-dir", "\(TestData.repositoryRoot)/Tests/BadInput/files/tiny",
            "--epochs", "1", "--code", "4", "--out", out,
        ])
        let error = #expect(throws: LatentError.self) { try command.run() }
        #expect(error?.description.hasPrefix("\(out) is the output folder of another run") == true)
        #expect(try FileManager.default.contentsOfDirectory(atPath: out).isEmpty)
    }
}
