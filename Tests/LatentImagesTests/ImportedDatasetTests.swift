import Foundation
import LatentData
import LatentImages
import LatentStorage
import LatentTestSupport
import Testing

/// Files that are not imported datasets, or are damaged, are refused by name instead of crashing or blocking.
@Suite struct ImportedDatasetTests {
    func refusal(_ path: String) -> String? {
        do {
            _ = try ImportedDataset(contentsOf: path)
            return nil
        } catch {
            return "\(error)"
        }
    }

    @Test func oddFilesAreRefused() throws {
        let scratch = try TestData.scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        #expect(mkfifo(scratch + "/pipe.h5", 0o644) == 0)
        try Data("hello".utf8).write(to: URL(fileURLWithPath: scratch + "/text.h5"))
        try Data().write(to: URL(fileURLWithPath: scratch + "/empty.h5"))
        #expect(refusal(scratch + "/pipe.h5") == "\(scratch)/pipe.h5: is not a regular file, not an HDF5 file")
        #expect(refusal(scratch) == "\(scratch): is a directory, not an HDF5 file")
        #expect(refusal(scratch + "/text.h5") == "\(scratch)/text.h5: not an HDF5 file (no HDF5 signature)")
        #expect(refusal(scratch + "/empty.h5") == "\(scratch)/empty.h5: the file is empty (0 bytes), not an HDF5 file")
        #expect(refusal(scratch + "/missing.h5") == "\(scratch)/missing.h5: no such file or directory")
        #expect(!ImportedDataset.isImported(scratch + "/pipe.h5"))
    }

    @Test func otherHDF5FilesAreNamedForWhatTheyAreNot() throws {
        let scratch = try TestData.scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        try HDF5Writer.write(to: scratch + "/other.h5") { try $0.writeIntegers([1, 2], at: "/labels") }
        #expect(refusal(scratch + "/other.h5")?.contains("not an imported image dataset") == true)
        #expect(!ImportedDataset.isImported(scratch + "/other.h5"))
    }

    /// Every cut of a real imported file is refused with an error, never a crash.
    @Test func truncatedFilesAreRefused() throws {
        let scratch = try TestData.scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        for (i, value) in [10, 200, 90].enumerated() {
            try Data(PNGWriter.png(width: 8, height: 8, colourType: .grey, samples: [Int](repeating: value, count: 64)))
                .write(to: URL(fileURLWithPath: scratch + "/in-\(i).png"))
        }
        try FileManager.default.createDirectory(atPath: scratch + "/in", withIntermediateDirectories: true)
        for i in 0..<3 {
            try FileManager.default.moveItem(atPath: scratch + "/in-\(i).png", toPath: scratch + "/in/\(i).png")
        }
        _ = try ImageFolderImport(folder: scratch + "/in", preprocessing: Preprocessing(size: 8)).run(
            writingTo: scratch + "/whole.h5")
        #expect(ImportedDataset.isImported(scratch + "/whole.h5"))
        let whole = try [UInt8](Data(contentsOf: URL(fileURLWithPath: scratch + "/whole.h5")))
        for fraction in [0.1, 0.3, 0.5, 0.7, 0.9, 0.99] {
            let cut = scratch + "/cut.h5"
            try Data(whole.prefix(Int(Double(whole.count) * fraction))).write(to: URL(fileURLWithPath: cut))
            #expect(refusal(cut) != nil, "cut at \(fraction)")
        }
    }
}
