import ArgumentParser
import LatentData

extension DatasetOptions {
    /// Both splits, refused together when their images differ in size: a model fits one size only.
    func loadSplits() throws -> (train: ImageDataset, test: ImageDataset) {
        let (train, test) = (try load(.train), try load(.test))
        guard (train.height, train.width) == (test.height, test.width) else {
            throw InputError("\(directory): the train images are \(train.height)x\(train.width) but the test images are "
                                  + "\(test.height)x\(test.width); both splits must have one size")
        }
        return (train, test)
    }
}
