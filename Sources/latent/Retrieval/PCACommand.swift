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

        @Option(
            help: ArgumentHelp(
                "Solver: covariance (fast when N >> D) or svd.",
                discussion: "Without it: covariance, unless an image has more values than there are train images."))
        var solver: PCA.Solver?

        @Flag(help: "Scale codes to unit variance.")
        var whiten = false

        @Option(help: "Where to save the model (HDF5).")
        var out = "runs/pca.h5"

        func validate() throws {
            try OptionChecks.require(components, in: 1...OptionChecks.largestSize, "--components")
            try OptionChecks.requireWritableFile(out, "--out")
        }

        func run() throws {
            let (train, test) = try data.loadSplits()
            try data.requireCodeSize(components, "--components", train: train)
            let solver = self.solver ?? .suited(rows: train.count, features: train.pixelsPerImage)
            var pca: PCA?
            let seconds = try secondsTaken {
                pca = try PCA.fit(train.images, components: components, solver: solver, whiten: whiten)
            }
            guard let pca else { return }
            try createParentFolder(of: out)
            try pca.save(to: out)
            print(
                "PCA-\(components) (\(solver.rawValue)) fitted on \(train.count) images in \(String(format: "%.3f", seconds)) s"
            )
            print("explained variance ratio \(String(format: "%.4f", pca.explainedVarianceRatio.reduce(0, +)))")
            print("test reconstruction MSE \(String(format: "%.5f", try pca.reconstructionError(test.images)))")
            print("saved \(out)")
        }
    }
}

extension PCA.Solver: ExpressibleByArgument {}
