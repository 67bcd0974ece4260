import ArgumentParser
import Foundation
import LatentCore
import LatentData
import LatentLinalg
import LatentRetrieval
import LatentSearch
import Testing

@testable import latent

/// `--solver`, `--fit-sample` and `--fit-seed` on `pca fit` and `index build --pca`: parsed into the fit they ask for,
/// carried to it, and refused by name when wrong.
@Suite struct PCAFitOptionsTests {
    @Test func theFlagsBecomeTheFitting() throws {
        let fit = try PCACommand.Fit.parse(["--solver", "svd", "--fit-sample", "300", "--fit-seed", "7"])
        #expect(fit.fit.fitting == PCA.Fitting(solver: .svd, sample: 300, seed: 7))
        #expect(try PCACommand.Fit.parse([]).fit.fitting == PCA.Fitting())
        let build = try IndexBuild.parse([
            "--pca", "8", "--solver", "covariance", "--fit-sample", "50", "--out", "x.h5",
        ])
        #expect(build.pcaFit.fitting == PCA.Fitting(solver: .covariance, sample: 50, seed: 0))
    }

    @Test(arguments: [
        (["--solver", "qr"], "--solver"),
        (["--fit-sample", "1"], "--fit-sample must be at least 2, got 1"),
        (
            ["--fit-sample", "5", "--components", "8"],
            "--fit-sample 5 is fewer images than the 8 components --components"
        ),
    ])
    func pcaFitRefusesBadValuesByName(arguments: [String], message: String) {
        #expect(
            performing: { _ = try PCACommand.Fit.parse(arguments) },
            throws: { error in
                PCACommand.Fit.message(for: error).contains(message)
            })
    }

    @Test(arguments: [
        (["--solver", "svd"], "--solver needs --pca"),
        (["--fit-sample", "100"], "--fit-sample needs --pca"),
        (["--pca", "16", "--fit-sample", "10"], "--fit-sample 10 is fewer images than the 16 components --pca"),
    ])
    func indexBuildRefusesBadValuesByName(arguments: [String], message: String) {
        #expect(
            performing: { _ = try IndexBuild.parse(arguments + ["--out", "x.h5"]) },
            throws: { error in
                IndexBuild.message(for: error).contains(message)
            })
    }

    /// The covariance of too many features is refused naming the options that avoid it, before anything is fitted.
    @Test func tooWideACovarianceNamesTheWayOut() throws {
        let options = try IndexBuild.parse(["--pca", "4", "--solver", "covariance", "--out", "x.h5"]).pcaFit
        #expect(
            performing: { try options.check(images: 100_000, features: 30_000) },
            throws: { error in
                "\(error)".contains("--solver svd") && "\(error)".contains("--fit-sample N")
            })
        try PCACommand.Fit.parse(["--fit-sample", "1000"]).fit.check(images: 100_000, features: 30_000)
    }

    /// `index build --pca` with the flags stores the basis that `PCA.fit` with the same fitting makes, bit for bit.
    @Test(
        .enabled(
            if: FileManager.default.fileExists(atPath: PCAFitOptionsTests.fashionMNIST),
            "needs Debian's dataset-fashion-mnist"))
    func theFlagsReachTheFit() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("pca-fit-options-\(getpid()).h5").path
        defer { try? FileManager.default.removeItem(atPath: out) }
        try IndexBuild.parse([
            "--dataset", "fashion-mnist", "--data-dir", Self.fashionMNIST, "--limit", "400", "--pca", "6", "--solver",
            "svd", "--fit-sample", "200", "--fit-seed", "5", "--out", out,
        ]).run()
        guard case .pca(let mean, let components) = try ImageIndex.load(from: out).codeSpace else {
            Issue.record("the index has no PCA basis")
            return
        }
        let images = try KnownDataset.fashionMNIST.load(.train, from: Self.fashionMNIST).images.rows(0..<400)
        let expected = try PCA.fit(images, components: 6, fitting: PCA.Fitting(solver: .svd, sample: 200, seed: 5))
        #expect(components.scalars == expected.components.scalars && mean.scalars == expected.mean.scalars)
        let otherSeed = try PCA.fit(images, components: 6, fitting: PCA.Fitting(solver: .svd, sample: 200, seed: 6))
        #expect(mean.scalars != otherSeed.mean.scalars)
    }

    static let fashionMNIST = "/usr/share/datasets/fashion-mnist"
}
