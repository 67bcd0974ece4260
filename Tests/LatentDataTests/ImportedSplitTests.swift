import Foundation
import LatentCore
import LatentData
import LatentImages
import LatentTestSupport
import Testing

/// Imported folders (drawn by the catalogue's own fixture script, imported by the real importer) read as colour
/// or grey `ImageDataset` splits.
@Suite struct ImportedSplitTests {
    let scratch: ScratchDirectory
    init() throws { scratch = try ScratchDirectory() }

    /// Four class folders of `perClass` coloured shapes, imported at `side` pixels in `colour`.
    func imported(perClass: Int, side: Int = 12, colour: Preprocessing.Colour) throws -> String {
        let script = (TestData.repositoryRoot as NSString).appendingPathComponent(
            "Tests/BadInput/files/channels/draw_shapes.py")
        try Python.run(
            "import runpy, sys; sys.argv = sys.argv[1:]; runpy.run_path(sys.argv[0], run_name='__main__')",
            arguments: [script, scratch.path("photos"), String(perClass), String(side)])
        let out = scratch.path("\(colour.rawValue).h5")
        _ = try ImageFolderImport(
            folder: scratch.path("photos"), preprocessing: Preprocessing(size: side, colour: colour)
        )
        .run(writingTo: out)
        return out
    }

    @Test func aColourImportSplitsEveryFifthImageIntoTheTestSplit() throws {
        let path = try imported(perClass: 6, colour: .rgb)
        let whole = try ImportedDataset(contentsOf: path)
        let (train, test) = try ImageDataset.importedSplits(from: path)
        #expect((train.count, test.count) == (20, 4))
        for split in [train, test] {
            #expect((split.channels, split.height, split.width) == (3, 12, 12))
            #expect(split.shapeDescription == "3x12x12" && split.images.shape[1] == 432)
            #expect(split.classNames == ["blue-ring", "blue-square", "red-ring", "red-square"])
        }
        // Rows 4, 9, 14 and 19: one of each class, six images apart, their values as the file holds them.
        #expect(test.labels == [0, 1, 2, 3])
        for (row, source) in [4, 9, 14, 19].enumerated() {
            #expect(test.images.rows(row..<(row + 1)).scalars == whole.images.rows(source..<(source + 1)).scalars)
        }
        #expect(train.images.rows(4..<5).scalars == whole.images.rows(5..<6).scalars)  // row 4 went to the test split
        // Channel-major: the first value of the green plane is the top-left pixel's green.
        let bytes = whole.imageBytes(at: 0)
        #expect(train.images[element: 144] == Float(bytes[144]) / 255)
        #expect(train.imagesNCHW.shape == [20, 3, 12, 12])
    }

    @Test func aGreyImportHasOneChannel() throws {
        let (train, test) = try ImageDataset.importedSplits(from: try imported(perClass: 5, side: 9, colour: .grey))
        #expect((train.count, test.count) == (16, 4))
        #expect(train.shapeDescription == "1x9x9" && train.pixelsPerImage == 81 && test.images.shape == [4, 81])
    }

    @Test func subsetsKeepTheChannels() throws {
        let (train, _) = try ImageDataset.importedSplits(from: try imported(perClass: 5, colour: .rgb))
        let subsets = [
            train.selecting([0, 3]), try train.filtered(classes: [1, 2]), try train.sampled(perClass: 2, seed: 1),
            try train.relabeled([0: 1, 1: 0, 2: 2, 3: 3]),
            try train.split(validationFraction: 0.25, seed: 1).validation,
        ]
        for subset in subsets {
            #expect(subset.shapeDescription == "3x12x12" && subset.images.shape[1] == 432, "\(subset.name)")
        }
    }

    @Test func tooFewImagesForATestSplitAreRefused() throws {
        let path = try imported(perClass: 1, colour: .rgb)
        #expect {
            _ = try ImageDataset.importedSplits(from: path)
        } throws: { error in
            "\(error)".contains(path) && "\(error)".contains("4 images") && "\(error)".contains("at least 5")
        }
    }

    /// libhdf5 would wait forever on a FIFO; it is refused by what it is, before anything opens it.
    @Test func aPipeOrAMissingFileIsRefusedByName() throws {
        let pipe = scratch.path("pipe.h5")
        #expect(mkfifo(pipe, 0o644) == 0)
        #expect(throws: DataError.unreadable(path: pipe, reason: "it is a FIFO (named pipe), not a dataset file")) {
            try ImageDataset.importedSplits(from: pipe)
        }
        let missing = scratch.path("missing.h5")
        #expect(throws: DataError.unreadable(path: missing, reason: "no such file")) {
            try ImageDataset.importedSplits(from: missing)
        }
    }
}
