import LatentCore
import LatentData
import LatentModels

extension DatasetOptions {
    /// Both splits; loading refuses splits whose images differ in size. An imported file is read once for both.
    func loadSplits() throws -> (train: ImageDataset, test: ImageDataset) {
        if case .imported(let path) = dataset { return try ImageDataset.importedSplits(from: path) }
        return (try load(.train), try load(.test))
    }
}

extension DatasetOptions {
    /// The dataset and where it was read, as the library's messages name it: "fashion-mnist in data/", or the file.
    var source: String {
        if case .imported(let path) = dataset { return path }
        return "\(dataset.rawValue) in \(location)"
    }

    /// Refuses a code size (or a number of PCA components) that `train` does not allow (`CodeSizeLimit`), as a
    /// problem with `option`.
    func requireCodeSize(_ size: Int, _ option: String, train: ImageDataset) throws {
        try OptionChecks.refusing { () throws(LatentError) in
            try CodeSizeLimit.check(size, as: "\(option) \(size)", train: train, source: source)
        }
    }
}
