import Foundation

extension ImageDataset {
    /// Every how many images of an imported dataset one is held out as its test split.
    public static let importedTestEvery = 5

    /// The train and test splits of a file written by `latent data import`.
    ///
    /// An imported folder is one set of images, so a fixed part is held out, as Keras's `validation_split` does:
    /// every fifth image in the file's order (rows 4, 9, 14, ...) is a test image. The importer writes the images
    /// class folder by class folder, so each class gives about a fifth of its images to the test split, and every
    /// command that reads the file sees the same split, without a seed.
    public static func importedSplits(from path: String) throws -> (train: ImageDataset, test: ImageDataset) {
        try checkReadable(path)
        let whole = try ImportedDataset(contentsOf: path).imageDataset()
        guard whole.count >= importedTestEvery else {
            throw DataError.invalidArgument(
                "\(path) holds \(whole.count) image\(whole.count == 1 ? "" : "s"); at least "
                    + "\(importedTestEvery) are needed, since every \(importedTestEvery)th is "
                    + "held out as the test split")
        }
        let isTest = { (row: Int) in row % importedTestEvery == importedTestEvery - 1 }
        let rows = Array(0..<whole.count)
        return (
            whole.selecting(rows.filter { !isTest($0) }, name: "\(path) train"),
            whole.selecting(rows.filter(isTest), name: "\(path) test")
        )
    }

    /// Refuses what libhdf5 should not be handed: a FIFO would block it forever, a device would feed it without end.
    private static func checkReadable(_ path: String) throws {
        guard let status = try RegularFile.status(of: path) else {
            throw DataError.unreadable(path: path, reason: "no such file")
        }
        if let kind = RegularFile.kind(of: status.st_mode) {
            throw DataError.unreadable(path: path, reason: "it is \(kind), not a dataset file")
        }
        guard access(path, R_OK) == 0 else {
            throw DataError.unreadable(path: path, reason: RegularFile.errorWords(errno))
        }
    }
}
