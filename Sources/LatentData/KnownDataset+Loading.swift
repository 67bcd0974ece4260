import Foundation

extension KnownDataset {
    /// Reads one split from `directory`, or explains what is wrong with the directory or its files.
    ///
    /// Besides each file on its own, it checks what only the folder as a whole can show: that the other
    /// split's images have the same size, and that the labels are not another known dataset's.
    public func load(_ split: Split, from directory: String) throws -> ImageDataset {
        try checkFolder(directory)
        let dataset = try ImageDataset(
            name: "\(rawValue) \(split.rawValue)", imagesFile: imagesFile(split, in: directory),
            labelsFile: labelsFile(split, in: directory), classNames: classNames)
        let other: Split = split == .train ? .test : .train
        let otherSizes = try IDXFile.dimensions(of: imagesFile(other, in: directory), axes: ["N", "H", "W"])
        guard otherSizes[1] == dataset.height, otherSizes[2] == dataset.width else {
            throw DataError.imageSizeMismatch(
                path: imagesFile(split, in: directory), height: dataset.height,
                width: dataset.width, otherPath: imagesFile(other, in: directory),
                otherHeight: otherSizes[1], otherWidth: otherSizes[2])
        }
        try checkNotAnotherDataset(dataset, split: split, directory: directory)
        return dataset
    }

    /// Refuses a directory that is missing, not a directory, unreadable, or lacks one of the four files.
    public func checkFolder(_ directory: String) throws {
        // A missing folder is most often a dataset not installed yet: say how to get it (an empty list of
        // missing files says that the folder itself is missing).
        let folderExists = try RegularFile.status(of: directory) != nil
        let missing = folderExists ? try missingFiles(in: directory) : []
        guard folderExists, missing.isEmpty else {
            let fetch =
                directory == fetchDirectory()
                ? "latent data fetch \(rawValue)" : "latent data fetch \(rawValue) --to \(directory)"
            var howToGet = "Get it with `\(fetch)`"
            if self == .fashionMNIST { howToGet += " or `sudo apt-get install dataset-fashion-mnist`" }
            howToGet += ", or point --data-dir (or LATENT_DATA) at a directory holding the four files."
            throw DataError.datasetMissing(
                name: rawValue, directory: directory, missingFiles: missing, howToGet: howToGet)
        }
    }

    /// The four files not in `directory`, once the directory itself has been checked.
    private func missingFiles(in directory: String) throws -> [String] {
        try KnownDataset.checkDirectory(directory)
        return try KnownDataset.fileNames.filter {
            try RegularFile.status(of: (directory as NSString).appendingPathComponent($0)) == nil
        }
    }

    /// Refuses a path that is not a directory Latent may list and read.
    public static func checkDirectory(_ directory: String) throws {
        guard let status = try RegularFile.status(of: directory) else {
            throw DataError.unreadable(path: directory, reason: "no such directory")
        }
        guard status.st_mode & S_IFMT == S_IFDIR else {
            throw DataError.unreadable(
                path: directory, reason: "it is \(RegularFile.what(status.st_mode)), not a directory")
        }
        guard access(directory, R_OK | X_OK) == 0 else {
            throw DataError.unreadable(path: directory, reason: RegularFile.errorWords(errno))
        }
    }

    /// The published counts per class tell MNIST from Fashion-MNIST; subsets and other data match neither.
    private func checkNotAnotherDataset(_ dataset: ImageDataset, split: Split, directory: String) throws {
        var counts = [Int](repeating: 0, count: classNames.count)
        for label in dataset.labels { counts[label] += 1 }
        guard counts != publishedLabelCounts(split),
            let other = KnownDataset.allCases.first(where: { $0.publishedLabelCounts(split) == counts })
        else { return }
        throw DataError.otherDataset(
            directory: directory, asked: rawValue, found: other.rawValue,
            labels: labelsFile(split, in: directory), counts: counts)
    }

    private func imagesFile(_ split: Split, in directory: String) -> String {
        (directory as NSString).appendingPathComponent("\(split.filePrefix)-images-idx3-ubyte.gz")
    }

    private func labelsFile(_ split: Split, in directory: String) -> String {
        (directory as NSString).appendingPathComponent("\(split.filePrefix)-labels-idx1-ubyte.gz")
    }
}

extension KnownDataset.Split {
    /// How the published file names start: "train" or "t10k".
    var filePrefix: String { self == .train ? "train" : "t10k" }
}
