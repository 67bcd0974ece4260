import Foundation
import LatentTestSupport
import Testing

@testable import LatentData

/// Downloads from a loopback server (see `LoopbackServer`); never the internet.
@Suite(.serialized) struct FetchTests {
    let served: ScratchDirectory
    let destination: ScratchDirectory

    /// Serves four small files under the dataset's names: right names, wrong bytes.
    init() throws {
        served = try ScratchDirectory()
        destination = try ScratchDirectory()
        for name in KnownDataset.fileNames {
            try Data(repeating: 7, count: 40).write(to: URL(fileURLWithPath: served.path(name)))
        }
    }

    func fetch(route: String = "", timeout: Double = 10, force: Bool = false) async throws {
        try await LoopbackServer.serving(served.path) { server in
            try await DatasetFetcher(.mnist, baseURL: server.baseURL.appendingPathComponent(route), timeout: timeout)
                .fetch(into: destination.path, force: force)
        }
    }

    /// Everything in the destination, hidden files included: a failed fetch leaves nothing behind.
    var leftovers: [String] { (try? FileManager.default.contentsOfDirectory(atPath: destination.path)) ?? ["?"] }

    @Test(.enabled(if: TestData.hasMNIST, "needs ../shared/data/mnist"))
    func fetchDownloadsAndVerifiesAllFourFiles() async throws {
        try await LoopbackServer.serving(TestData.mnistDirectory) { server in
            try await DatasetFetcher(.mnist, baseURL: server.baseURL).fetch(into: destination.path)
        }
        for name in KnownDataset.fileNames {
            #expect(try DatasetFetcher.md5(ofFileAt: destination.path(name)) == KnownDataset.mnist.md5[name])
        }
        #expect(leftovers.sorted() == KnownDataset.fileNames.sorted())
        #expect(try KnownDataset.mnist.load(.test, from: destination.path).count == 10_000)
    }

    @Test func wrongBytesAreRejectedAndNotKept() async throws {
        await #expect {
            try await fetch()
        } throws: { error in
            guard case .checksumMismatch(let url, let expected, _) = error as? DataError else { return false }
            return url.hasSuffix("/train-images-idx3-ubyte.gz") && expected == "f68b3c2dcbeaaa9fbdd348bbdeb94873"
        }
        #expect(leftovers.isEmpty)
    }

    @Test func aMissingFileIsA404() async throws {
        await #expect {
            try await fetch(route: "nothing")
        } throws: { error in
            guard case .downloadFailed(let url, let reason) = error as? DataError else { return false }
            return url.hasSuffix("/nothing/train-images-idx3-ubyte.gz")
                && reason == "the server answered HTTP 404 (Not Found)"
        }
        #expect(leftovers.isEmpty)
    }

    @Test func aTruncatedBodyIsNamedAndNotKept() async throws {
        await #expect {
            try await fetch(route: "truncated")
        } throws: { error in
            guard case .downloadFailed(let url, let reason) = error as? DataError else { return false }
            return url.hasSuffix("/truncated/train-images-idx3-ubyte.gz")
                && reason == "truncated: the connection closed after 20 of the 40 bytes announced"
        }
        #expect(leftovers.isEmpty)
    }

    /// The server sends the headers and 3 of the 40 bytes, then waits for the fetch to hang up: only the fetch's
    /// deadline ends it. A fetch that ignored its deadline would get, a minute later, the server's close (a truncated
    /// body), not a timeout; nothing here reads a clock.
    @Test func aStalledServerMeetsTheDeadline() async throws {
        await #expect {
            try await fetch(route: "stall", timeout: 1.5)
        } throws: { error in
            guard case .downloadTimedOut(let url, let seconds, let received) = error as? DataError else { return false }
            // On a loaded machine the deadline can pass before the 3 bytes arrive.
            return url.hasSuffix("/stall/train-images-idx3-ubyte.gz") && seconds == 1.5
                && received <= LoopbackServer.stalledBytes
        }
        #expect(leftovers.isEmpty)
    }

    @Test(arguments: [false, true])
    func aDirectoryAtAFilesNameIsNeverRemoved(force: Bool) async throws {
        let blocking = destination.path("t10k-images-idx3-ubyte.gz")
        try FileManager.default.createDirectory(atPath: blocking, withIntermediateDirectories: false)
        try Data("precious".utf8).write(to: URL(fileURLWithPath: blocking + "/keep.txt"))
        await #expect {
            try await fetch(force: force)
        } throws: { error in
            guard case .unwritable(let path, let reason) = error as? DataError else { return false }
            return path == blocking && reason.hasPrefix("it is a directory")
        }
        #expect(try String(contentsOfFile: blocking + "/keep.txt", encoding: .utf8) == "precious")
        #expect(leftovers == ["t10k-images-idx3-ubyte.gz"])
    }

    @Test func aFileGivenAsTheDestinationIsNamed() async throws {
        let file = destination.path("plain")
        try Data("mine".utf8).write(to: URL(fileURLWithPath: file))
        await #expect(throws: DataError.unwritable(path: file, reason: "it is a regular file, not a directory")) {
            try await DatasetFetcher(.mnist, baseURL: URL(string: "http://127.0.0.1:1/")).fetch(into: file)
        }
        #expect(try String(contentsOfFile: file, encoding: .utf8) == "mine")
    }

    @Test func onlyPartialDownloadsOfDeadFetchesAreCleanedUp() async throws {
        // A process id that cannot be running (above Linux's pid_max), one that is (this test), and a user's file.
        let abandoned = destination.path(".train-labels-idx1-ubyte.gz.download-99999999")
        let running = destination.path(".train-labels-idx1-ubyte.gz.download-\(getpid())")
        let users = destination.path(".notes.download-99999999")
        for path in [abandoned, running, users] { try Data("x".utf8).write(to: URL(fileURLWithPath: path)) }
        await #expect(throws: DataError.self) { try await fetch(route: "nothing") }
        #expect(Set(leftovers) == [(running as NSString).lastPathComponent, (users as NSString).lastPathComponent])
    }

    @Test func theServerIsGoneOnceStopped() throws {
        let server = try LoopbackServer(serving: served.path)
        let pid = server.processIdentifier
        #expect(kill(pid, 0) == 0)
        server.stop()
        #expect(kill(pid, 0) == -1 && errno == ESRCH)
    }
}
