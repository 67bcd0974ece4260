import LatentData

extension DatasetOptions {
    /// Both splits; loading refuses splits whose images differ in size. An imported file is read once for both.
    func loadSplits() throws -> (train: ImageDataset, test: ImageDataset) {
        if case let .imported(path) = dataset { return try ImageDataset.importedSplits(from: path) }
        return (try load(.train), try load(.test))
    }
}
