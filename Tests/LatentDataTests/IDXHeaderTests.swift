import CZlib
import Foundation
import LatentTestSupport
import Testing

@testable import LatentData

/// Headers that announce impossible, absurd or dishonest sizes are refused before anything is allocated.
@Suite struct IDXHeaderTests {
    let scratch: ScratchDirectory
    init() throws { scratch = try ScratchDirectory() }

    /// An IDX file of unsigned bytes with these sizes in its header, followed by `data`.
    func write(_ name: String, sizes: [UInt32], data: [UInt8] = [], compressed: Bool) throws -> String {
        var contents: [UInt8] = [0, 0, 0x08, UInt8(sizes.count)]
        for size in sizes { withUnsafeBytes(of: size.bigEndian) { contents += $0 } }
        contents += data
        let path = scratch.path(name)
        try (compressed ? gzipMember(contents) : Data(contents)).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// `bytes` as one gzip member, written and read back through zlib.
    func gzipMember(_ bytes: [UInt8]) throws -> Data {
        let path = scratch.path("member-\(UUID().uuidString).gz")
        let file = try #require(gzopen(path, "wb9"))
        let written = bytes.withUnsafeBytes { gzwrite(file, $0.baseAddress, UInt32($0.count)) }
        gzclose(file)
        #expect(Int(written) == bytes.count)
        defer { unlink(path) }
        return try Data(contentsOf: URL(fileURLWithPath: path))
    }

    @Test(arguments: [false, true])
    func sizesThatOverflowAreCorrupt(compressed: Bool) throws {
        let path = try write("overflow", sizes: [.max, .max, .max], compressed: compressed)
        let sizes = "[4294967295, 4294967295, 4294967295]"
        #expect(
            throws: DataError.corrupt(
                path: path, offset: 4, reason: "the sizes \(sizes) multiply past the largest integer")
        ) {
            _ = try IDXFile(contentsOf: path)
        }
    }

    @Test(arguments: [false, true])
    func aTerabyteIsMoreThanLatentReads(compressed: Bool) throws {
        let path = try write("terabyte", sizes: [1_000_000, 1_000, 1_000], compressed: compressed)
        #expect {
            _ = try IDXFile(contentsOf: path)
        } throws: { error in
            "\(error)"
                == "\(path): the header announces 1.0 TB of data, more than the 1 GiB Latent reads from one IDX file"
        }
    }

    @Test func aGzipFileCannotHoldMoreThanDeflateCanInflate() throws {
        // 100 MB announced by a file of a few dozen bytes: refused by arithmetic, not by reading.
        let path = try write("small.gz", sizes: [100_000, 1_000], data: [1, 2, 3], compressed: true)
        let size = try #require(try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int)
        #expect {
            _ = try IDXFile(contentsOf: path)
        } throws: { error in
            guard case .tooLarge(let file, let announced, let limit) = error as? DataError else { return false }
            return file == path && announced == 100_000_000 && limit.hasPrefix("a gzip file of \(size) bytes can hold")
        }
    }

    @Test func aRawFileHoldingLessThanItsHeaderIsTruncated() throws {
        let path = try write("header-only", sizes: [60_000, 28, 28], compressed: false)
        #expect(throws: DataError.truncated(path: path, expectedBytes: 16 + 47_040_000, actualBytes: 16)) {
            _ = try IDXFile(contentsOf: path)
        }
    }

    @Test(arguments: [false, true])
    func bytesPastTheHeadersSizesAreCorrupt(compressed: Bool) throws {
        let path = try write("long", sizes: [2, 2], data: [1, 2, 3, 4, 5, 6], compressed: compressed)
        #expect {
            _ = try IDXFile(contentsOf: path)
        } throws: { error in
            guard case .corrupt(let file, let offset, _) = error as? DataError else { return false }
            return file == path && offset == 12 + 4
        }
    }

    @Test func theRankMustBeTheOneAsked() throws {
        let path = try write("flat", sizes: [4], data: [0, 1, 2, 3], compressed: true)
        #expect(
            throws: DataError.corrupt(path: path, offset: 3, reason: "the header gives 1 axes, expected 3 (N, H, W)")
        ) {
            _ = try IDXFile(contentsOf: path, axes: ["N", "H", "W"])
        }
        #expect(try IDXFile(contentsOf: path, axes: ["N"]).bytes == [0, 1, 2, 3])
    }

    /// A 2 GB gzip bomb (a few MB on disk) behind an honest-looking header of 1,000 small images, ending in a
    /// damaged gzip member: reading stops at the first byte past the header's 784,000, so the error is "more data",
    /// never the damage 2 GB further on that a reader inflating everything would meet (and hold in memory first).
    @Test func aGzipBombStopsAtTheHeadersSize() throws {
        let header = try gzipMember(
            [0, 0, 0x08, 3]
                + [1_000, 28, 28].flatMap { (size: UInt32) in
                    withUnsafeBytes(of: size.bigEndian) { Array($0) }
                })
        let zeros = try gzipMember([UInt8](repeating: 0, count: 64 << 20))
        var bomb = header
        for _ in 0..<32 { bomb += zeros }
        bomb += Data([0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0, 0, 0xff] + [UInt8](repeating: 0xff, count: 64))
        let path = scratch.path("bomb.gz")
        try bomb.write(to: URL(fileURLWithPath: path))
        #expect(bomb.count < 4 << 20)
        let reason = "more data follows the 784000 bytes the header announces (reading stopped there)"
        #expect(throws: DataError.corrupt(path: path, offset: 16 + 784_000, reason: reason)) {
            _ = try IDXFile(contentsOf: path)
        }
    }

    /// The damaged end of the bomb above is an error when it comes right after the data.
    @Test func aDamagedGzipMemberAfterTheDataIsAnError() throws {
        var file = try gzipMember([0, 0, 0x08, 1, 0, 0, 0, 2, 7, 7])
        file += Data([0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0, 0, 0xff] + [UInt8](repeating: 0xff, count: 64))
        let path = scratch.path("damaged.gz")
        try file.write(to: URL(fileURLWithPath: path))
        #expect {
            _ = try IDXFile(contentsOf: path)
        } throws: { error in
            guard case .corrupt(let file, let offset, let reason) = error as? DataError else { return false }
            return file == path && offset == 10 && reason.hasPrefix("gzip stream ends early or is damaged")
        }
    }
}
