import Foundation
import Testing

@testable import LatentCore

/// A line that cannot be written is reported as the `errno` of its failure, never a trap: what `Console` drops and
/// counts instead of losing the run.
@Suite struct ConsoleTests {
    @Test func aWorkingPipeGetsEveryByte() throws {
        var ends: [Int32] = [0, 0]
        try #require(pipe(&ends) == 0)
        defer { close(ends[0]) }
        let text = String(repeating: "epoch 1/5: train loss 0.01234\n", count: 100)
        #expect(Console.writeWhole(text, to: ends[1]) == nil)
        close(ends[1])
        var bytes = [UInt8](repeating: 0, count: 8192)
        var received: [UInt8] = []
        while case let count = read(ends[0], &bytes, bytes.count), count > 0 { received += bytes[0..<count] }
        #expect(received == Array(text.utf8))
    }

    @Test func aFullDiskIsENOSPC() throws {
        let full = open("/dev/full", O_WRONLY)
        try #require(full >= 0, "needs /dev/full")
        defer { close(full) }
        #expect(Console.writeWhole("a progress line\n", to: full) == ENOSPC)
    }

    @Test func aPipeWithoutReaderIsEPIPENotSIGPIPE() throws {
        Console.prepare()
        var ends: [Int32] = [0, 0]
        try #require(pipe(&ends) == 0)
        close(ends[0])
        defer { close(ends[1]) }
        #expect(Console.writeWhole("a progress line\n", to: ends[1]) == EPIPE)
    }
}
