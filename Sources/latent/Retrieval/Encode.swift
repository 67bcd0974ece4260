import ArgumentParser
import LatentModels
import LatentStorage

/// `latent encode`: codes of a dataset's train and test splits by a trained autoencoder, into HDF5.
struct Encode: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract:
            "Write an autoencoder's codes of the train and test splits to HDF5 (/train, /test, /train_labels, /test_labels)."
    )

    @Option(help: "The autoencoder checkpoint (model.h5 from `latent train ae`).")
    var model: String

    @OptionGroup var data: DatasetOptions

    @Option(help: "Where to write the codes.")
    var out = "runs/codes.h5"

    @Flag(help: OutputRule.forceHelp)
    var force = false

    func validate() throws {
        try OptionChecks.requireReadableFile(model, "--model")
        try OptionChecks.requireWritableFile(out, "--out")
        try OutputRule(inputs: [("--model", model)] + data.inputFiles, force: force)
            .check(out, "--out", writes: .tensors("codes"))
    }

    func run() throws {
        let (train, test) = try data.loadSplits()
        let autoencoder = try Autoencoder(
            try TrainedModel.load(
                model, "--model", as: [.autoencoder], for: "encode",
                channels: train.channels, height: train.height, width: train.width))
        let codes = (autoencoder.encode(train.images), autoencoder.encode(test.images))
        try createParentFolder(of: out)
        try saveSplits(
            train: codes.0, test: codes.1, of: (train, test),
            attributes: ["kind": "codes", "model": model, "dataset": data.dataset.rawValue], to: out)
        print("wrote \(out): /train \(codes.0.shape), /test \(codes.1.shape)")
    }
}
