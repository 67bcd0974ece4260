import LatentData

extension DatasetOptions {
    /// Both splits; loading refuses splits whose images differ in size.
    func loadSplits() throws -> (train: ImageDataset, test: ImageDataset) {
        (try load(.train), try load(.test))
    }
}
