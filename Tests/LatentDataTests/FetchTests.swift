import Foundation
import LatentData
import LatentTestSupport
import Testing

/// Downloads from a loopback server that serves ../shared/data/mnist; never the internet.
@Suite(.enabled(if: TestData.hasMNIST, "needs ../shared/data/mnist"), .serialized)
struct FetchTests {
    @Test func fetchDownloadsAndVerifiesAllFourFiles() async throws {
        let server = try LoopbackServer(serving: TestData.mnistDirectory)
        let destination = try TestData.scratchDirectory()
        try await DatasetFetcher(.mnist, baseURL: server.baseURL).fetch(into: destination)
        for name in KnownDataset.fileNames {
            let path = (destination as NSString).appendingPathComponent(name)
            #expect(try DatasetFetcher.md5(ofFileAt: path) == KnownDataset.mnist.md5[name])
        }
        #expect(try KnownDataset.mnist.load(.test, from: destination).count == 10_000)
    }

    @Test func aFlippedByteIsRejectedAndNotKept() async throws {
        let served = try TestData.scratchDirectory()
        for name in KnownDataset.fileNames {
            var contents = try Data(contentsOf: URL(fileURLWithPath: (TestData.mnistDirectory as NSString).appendingPathComponent(name)))
            if name == "t10k-labels-idx1-ubyte.gz" { contents[contents.count / 2] ^= 0x01 }
            try contents.write(to: URL(fileURLWithPath: (served as NSString).appendingPathComponent(name)))
        }
        let server = try LoopbackServer(serving: served)
        let destination = try TestData.scratchDirectory()
        await #expect {
            try await DatasetFetcher(.mnist, baseURL: server.baseURL).fetch(into: destination)
        } throws: { error in
            guard case let .checksumMismatch(path, expected, _) = error as? DataError else { return false }
            return path.hasSuffix("t10k-labels-idx1-ubyte.gz") && expected == "ec29112dd5afa0611ce80d1b7f02629c"
        }
        let kept = try FileManager.default.contentsOfDirectory(atPath: destination)
        #expect(!kept.contains("t10k-labels-idx1-ubyte.gz") && !kept.contains { $0.hasSuffix(".part") })
        #expect(kept.contains("train-images-idx3-ubyte.gz"))
    }
}
