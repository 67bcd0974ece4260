import Foundation
import LatentData
import LatentExperiments
import LatentTestSupport
import Testing

/// Kind zoo trains one autoencoder per row on each dataset and writes one table per dataset: NLL where the decoder's
/// likelihood is normalised, reconstruction, a k-NN vote and a linear probe on the codes, training time.
@Suite(.serialized) struct AutoencoderZooTests {
    let scratch: ExperimentScratch
    init() throws { scratch = try ExperimentScratch() }

    /// A zoo file of kind zoo on MNIST with `rows` (a YAML list) in place of its rows.
    func zooFile(rows: String, extra: String = "") throws -> String {
        try scratch.write(
            """
            name: tiny-zoo
            question: Do the rows run?
            kind: zoo
            datasets: [mnist]
            data_dir: data
            seed: 0
            model: {code: 8}
            training: {epochs: 8, batch_size: 50}
            evaluation: {nll_samples: 50, nll_images: 50}
            \(extra)rows: \(rows)
            """)
    }

    func run(_ experiment: String) throws -> String {
        try ExperimentRunner(
            experimentPath: experiment, runsFolder: scratch.path("runs"), notebooksFolder: scratch.path("notebooks"),
            log: { _ in }
        ).run(command: "test")
    }

    /// A plain autoencoder and a Bernoulli VAE on 600 real MNIST digits: both codes tell the digits apart well above
    /// chance (0.1; the VAE's 8 units, much of them unused after 8 short epochs, are at about 0.33 by 5-NN), only the VAE has an NLL (and it beats a coin per pixel, 784 ln 2 = 543 nats), and its pictures
    /// reach the notebook.
    @Test(.enabled(if: TestData.hasMNIST, "needs ../shared/data/mnist"))
    func runsTwoRowsOnRealMNIST() throws {
        try scratch.writeMNISTSubset(.train, prefix: "train", count: 600, into: scratch.path("data/mnist"))
        try scratch.writeMNISTSubset(.test, prefix: "t10k", count: 200, into: scratch.path("data/mnist"))
        let notebook = try run(
            try zooFile(
                rows:
                    "[{name: ae, arch: dense}, {name: vae, arch: variational, likelihood: bernoulli, binarise: dynamic}]"
            ))

        let results = try #require(
            JSONSerialization.jsonObject(
                with: Data(contentsOf: URL(fileURLWithPath: scratch.path("runs/tiny-zoo/results.json"))))
                as? [String: Any])
        for row in ["ae", "vae"] {
            let probe = try #require(results["mnist_\(row)_probe_accuracy"] as? Double)
            let neighbours = try #require(results["mnist_\(row)_knn_accuracy"] as? Double)
            #expect(probe > 0.3 && neighbours > 0.25, "\(row): probe \(probe), 5-NN \(neighbours)")
            let mse = try #require(results["mnist_\(row)_test_mse"] as? Double)
            #expect(mse > 0.005 && mse < 0.1, "\(row): test MSE \(mse)")
            #expect(FileManager.default.fileExists(atPath: scratch.path("runs/tiny-zoo/mnist/\(row)/seed-0/model.h5")))
        }
        #expect(results["mnist_ae_test_nll_nats"] == nil)
        let nll = try #require(results["mnist_vae_test_nll_nats"] as? Double)
        #expect(nll > 60 && nll < 543, "VAE NLL \(nll) nats")
        let text = try String(contentsOfFile: notebook, encoding: .utf8)
        #expect(text.contains("| ae | dense | ") && text.contains(" | - | "), "\(text)")
        #expect(text.contains("| vae | variational | ") && text.contains(String(format: "| %.2f |", nll)))
        #expect(text.contains("with 50 codes per image over the first 50 of the 200 test images"))
        for picture in ["mnist-vae-samples.png", "mnist-ae-interpolations.png", "mnist-ae-traversals.png"] {
            #expect(FileManager.default.fileExists(atPath: scratch.path("notebooks/tiny-zoo/\(picture)")), "\(picture)")
            #expect(text.contains("(tiny-zoo/\(picture))"))
        }
    }

    @Test func refusesAMisspelledRowKeyWithASuggestion() throws {
        let error = try #require(throws: (any Error).self) {
            try run(try zooFile(rows: "[{name: ae, arch: dense}, {name: bvae, arch: variational, betta: 4}]"))
        }
        #expect("\(error)".contains("rows[1].betta: unknown key; did you mean rows[1].beta?"), "\(error)")
        #expect(!FileManager.default.fileExists(atPath: scratch.path("runs")))
    }

    @Test func refusesARowWhoseSettingsDoNotGoTogether() throws {
        let error = try #require(throws: (any Error).self) {
            try run(try zooFile(rows: "[{name: ae, arch: dense}, {name: vq, arch: dense, commitment: 0.5}]"))
        }
        #expect(
            "\(error)".contains("rows[1] (vq): model.commitment: 0.5 weighs a VQ-VAE's commitment loss"), "\(error)")
    }

    /// The code size is one for every row, so a row cannot set it; nor can a row set a key of no autoencoder.
    @Test(arguments: ["code: 4", "epochs: 2", "nll_samples: 10"])
    func refusesAKeyNoRowSets(_ key: String) throws {
        let error = try #require(throws: (any Error).self) {
            try run(try zooFile(rows: "[{name: ae, arch: dense, \(key)}]"))
        }
        let name = key.split(separator: ":")[0]
        #expect("\(error)".contains("rows[0].\(name): unknown key"), "\(error)")
    }

    @Test func aZooReadsDatasetsNotDataset() throws {
        let error = try #require(throws: (any Error).self) {
            try run(try zooFile(rows: "[{name: ae}]", extra: "dataset: mnist\n"))
        }
        #expect("\(error)".contains("dataset: kind zoo does not read this key"), "\(error)")
        let other = try #require(throws: (any Error).self) {
            try run(
                try scratch.write(
                    validExperiment.replacingOccurrences(of: "seed: 0", with: "seed: 0\ndatasets: [mnist]")))
        }
        #expect("\(other)".contains("datasets: kind autoencoder does not read this key"), "\(other)")
    }

    /// Each row is the shared keys with its own on top; a Gaussian row is not refused for the shared NLL keys (its
    /// likelihood is not normalised, so it gets none).
    @Test func rowsAreTheSharedKeysWithTheirOwnOnTop() throws {
        let experiment = try Experiment.load(
            from: try zooFile(
                rows: "[{name: vae, arch: variational}, {name: bvae, arch: variational, likelihood: bernoulli}]"))
        #expect(experiment.experiment.zooRows.map(\.name) == ["vae", "bvae"])
        #expect(experiment.experiment.zooRows.map { $0.experiment.model?.likelihood } == [nil, "bernoulli"])
        #expect(experiment.experiment.zooRows.map { $0.experiment.model?.code } == [8, 8])
    }
}
