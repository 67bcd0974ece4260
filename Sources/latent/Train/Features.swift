import ArgumentParser
import LatentCore
import LatentModels
import LatentStorage

/// `latent features`: deep features of a dataset at a named layer of a trained model, into HDF5.
struct Features: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Extract the activations of a named layer (a cut point) for the train and test splits into HDF5.")

    @Option(help: "A trained model checkpoint.")
    var model: String

    @Option(help: "The layer whose activations are the features, e.g. hidden or features (see `latent inspect`).")
    var layer: String

    @OptionGroup var data: DatasetOptions

    @Option(help: "Where to write the features (/train, /test, /train_labels, /test_labels).")
    var out = "runs/features.h5"

    @Flag(help: OutputRule.forceHelp)
    var force = false

    func validate() throws {
        try OptionChecks.requireReadableFile(model, "--model")
        guard !layer.isEmpty else {
            throw ValidationError("--layer needs a layer name (see `latent inspect \(model)`)")
        }
        try OptionChecks.requireWritableFile(out, "--out")
        try OutputRule(inputs: [("--model", model)] + data.inputFiles, force: force)
            .check(out, "--out", writes: .tensors("features"))
    }

    func run() throws {
        let (train, test) = try data.loadSplits()
        let network = try TrainedModel.load(
            model, "--model", as: [], for: "features",
            channels: train.channels, height: train.height, width: train.width)
        let features = (
            try DeepFeatures.extract(network, at: layer, from: train.images),
            try DeepFeatures.extract(network, at: layer, from: test.images)
        )
        try createParentFolder(of: out)
        try saveSplits(
            train: features.0, test: features.1, of: (train, test),
            attributes: ["kind": "features", "model": model, "layer": layer, "dataset": data.dataset.rawValue], to: out)
        print("wrote \(out): /train \(features.0.shape), /test \(features.1.shape) from layer \(layer) of \(model)")
    }
}
