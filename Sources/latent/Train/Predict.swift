import ArgumentParser
import LatentModels

/// `latent predict`: class and probability for given test images.
struct Predict: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Predict the class of test images with a trained classifier.")

    @Option(help: "A trained classifier checkpoint.")
    var model: String

    @Option(parsing: .unconditional, help: "Test image numbers, comma-separated.")
    var images = "0"

    @OptionGroup var data: DatasetOptions

    func validate() throws {
        _ = try OptionChecks.integers(images, "--images", in: 0...OptionChecks.largestCount)
        try OptionChecks.requireReadableFile(model, "--model")
    }

    func run() throws {
        let test = try data.load(.test)
        let rows = try OptionChecks.integers(images, "--images", in: 0...(test.count - 1))
        let network = try TrainedModel.load(
            model, "--model", as: [.classifier, .transferHead], for: "predict",
            channels: test.channels, height: test.height, width: test.width)
        let predictions = Classification.predict(network, images: test.selecting(rows).images)
        print("image  true class    predicted     probability")
        for (row, prediction) in zip(rows, predictions) {
            let truth = test.classNames[test.labels[row]].padding(toLength: 12, withPad: " ", startingAt: 0)
            let guess =
                (prediction.label < test.classNames.count
                ? test.classNames[prediction.label] : "class \(prediction.label)")
                .padding(toLength: 12, withPad: " ", startingAt: 0)
            print(
                "\(String(row).padding(toLength: 5, withPad: " ", startingAt: 0))  \(truth)  \(guess)  \(String(format: "%.4f", prediction.probability))"
            )
        }
    }
}
