import ArgumentParser
import LatentModels
import LatentStorage

/// `latent predict`: class and probability for given test images.
struct Predict: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Predict the class of test images with a trained classifier.")

    @Option(help: "A trained classifier checkpoint.")
    var model: String

    @Option(help: "Test image numbers, comma-separated.")
    var images = "0"

    @OptionGroup var data: DatasetOptions

    func run() throws {
        let test = try data.load(.test)
        let rows = try images.split(separator: ",").map { text -> Int in
            guard let row = Int(text), (0..<test.count).contains(row) else {
                throw ValidationError("--images: \(text) is not a test image (0..<\(test.count))")
            }
            return row
        }
        let network = try Checkpoint.load(from: model).buildModel()
        let predictions = Classification.predict(network, images: test.selecting(rows).images)
        print("image  true class    predicted     probability")
        for (row, prediction) in zip(rows, predictions) {
            let truth = test.classNames[test.labels[row]].padding(toLength: 12, withPad: " ", startingAt: 0)
            let guess = (prediction.label < test.classNames.count ? test.classNames[prediction.label] : "class \(prediction.label)")
                .padding(toLength: 12, withPad: " ", startingAt: 0)
            print("\(String(row).padding(toLength: 5, withPad: " ", startingAt: 0))  \(truth)  \(guess)  \(String(format: "%.4f", prediction.probability))")
        }
    }
}
