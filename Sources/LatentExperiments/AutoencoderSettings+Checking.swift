import LatentCore
import LatentData
import LatentModels

extension AutoencoderSettings {
    /// Refuses settings that are valid one by one but not together, before any data is read; messages name the
    /// settings as `names` does (`--warmup-epochs` or `training.warmup_epochs`).
    public func check(names: SettingNames) throws(LatentError) {
        try training.check(names: names)
        try checkRegularisation(names: names)
        try checkAdversarial(names: names)
        try checkRegularisedAutoencoder(names: names)
        try checkCodebook(names: names)
        try checkVariational(names: names)
        if normalisation == .batch, ![.dense, .deep].contains(architecture) {
            throw LatentError(
                "\(names.quoting("model.normalisation", normalisation.rawValue)) is for the dense and "
                    + "deep autoencoders, not \(architecture.rawValue)")
        }
    }

    /// Refuses settings the data rules out, before anything is trained or written: a code size beyond the pixels or
    /// the train images (PCA is fitted beside it), more neighbours than train images, a query that is not a test image.
    ///
    /// - Parameter source: the dataset and where it was read, for messages ("fashion-mnist in data/").
    public func check(
        train: ImageDataset, test: ImageDataset, source: String,
        names: SettingNames
    ) throws(LatentError) {
        try CodeSizeLimit.check(codeSize, as: names.quoting("model.code", codeSize), train: train, source: source)
        guard neighbours <= train.count else {
            throw LatentError(
                "\(names.quoting("evaluation.neighbours", neighbours)) is more than the \(train.count) "
                    + "train images of \(source)")
        }
        if let beyond = queries.first(where: { $0 >= test.count }) {
            throw LatentError(
                "\(names.quoting("evaluation.queries", beyond)) is not a test image; the test split of "
                    + "\(source) holds \(test.count) (0 to \(test.count - 1))")
        }
    }

    /// Refuses an architecture that cannot take the images of `train` (a problem with the data rather than with a
    /// value typed, which the pipeline refuses alike when it starts).
    public func checkArchitecture(for train: ImageDataset, source: String, names: SettingNames) throws(LatentError) {
        do {
            _ = try architecture.spec(codeSize: 1, channels: train.channels, height: train.height, width: train.width)
        } catch {
            throw LatentError(
                "\(names("model.arch")): \(error); the images of \(source) are "
                    + "\(train.height)x\(train.width)")
        }
    }
}
