import LatentCore
import LatentData

extension ClassifierSettings {
    /// Refuses settings that are valid one by one but not together, before any data is read; messages name the
    /// settings as `names` does (`--warmup-epochs` or `training.warmup_epochs`).
    public func check(names: SettingNames) throws(LatentError) {
        try training.check(names: names)
    }

    /// Refuses an architecture that cannot take the images of `train` (too small for its poolings, or a model too
    /// large to train), before anything is trained or written.
    ///
    /// - Parameters:
    ///   - train: the images the classifier will train on.
    ///   - source: the dataset and where it was read, for messages ("fashion-mnist in data/").
    ///   - names: the front end's names for the settings (flags or YAML keys), for messages.
    public func checkArchitecture(for train: ImageDataset, source: String, names: SettingNames) throws(LatentError) {
        do {
            _ = try architecture.spec(
                channels: train.channels, height: train.height, width: train.width,
                classes: train.classNames.count)
        } catch {
            throw LatentError(
                "\(names("model.arch")): \(error); the images of \(source) are \(train.height)x\(train.width)")
        }
    }
}
