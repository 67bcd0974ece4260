import ArgumentParser
import Foundation
import LatentLinalg
import LatentModels

/// `latent pca fit`: fit PCA on a dataset's train split and save it to HDF5.
struct PCACommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pca", abstract: "PCA baseline.", subcommands: [Fit.self])

    struct Fit: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Fit PCA on the train split; report variance and test reconstruction error.")

        @OptionGroup var data: DatasetOptions

        @Option(parsing: .unconditional, help: "Number of components.")
        var components = 32

        @OptionGroup var fit: PCAFitOptions

        @Flag(help: "Scale codes to unit variance.")
        var whiten = false

        @Option(help: "Where to save the model (HDF5).")
        var out = "runs/pca.h5"

        @Flag(help: OutputRule.forceHelp)
        var force = false

        func validate() throws {
            try OptionChecks.require(components, in: 1...OptionChecks.largestSize, "--components")
            try OptionChecks.requireWritableFile(out, "--out")
            try OutputRule(inputs: data.inputFiles, force: force).check(out, "--out", writes: .tensors("pca"))
            try fit.validate(components: components, "--components")
        }

        func run() throws {
            let (train, test) = try data.loadSplits()
            try data.requireCodeSize(components, "--components", train: train)
            try fit.check(images: train.count, features: train.pixelsPerImage)
            let solver = fit.fitting.solver(rows: train.count, features: train.pixelsPerImage)
            let fitted = min(train.count, fit.fitSample ?? train.count)
            var pca: PCA?
            let seconds = try secondsTaken {
                pca = try PCA.fit(train.images, components: components, fitting: fit.fitting, whiten: whiten)
            }
            guard let pca else { return }
            try createParentFolder(of: out)
            try pca.save(to: out)
            print(
                "PCA-\(components) (\(solver.rawValue)) fitted on \(fitted) of \(train.count) images in \(String(format: "%.3f", seconds)) s"
            )
            print("explained variance ratio \(String(format: "%.4f", pca.explainedVarianceRatio.reduce(0, +)))")
            print("test reconstruction MSE \(String(format: "%.5f", try pca.reconstructionError(test.images)))")
            print("saved \(out)")
        }
    }
}
