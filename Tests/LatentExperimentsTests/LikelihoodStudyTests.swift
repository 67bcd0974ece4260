import Foundation
import LatentData
import LatentExperiments
import LatentTestSupport
import Testing

/// Kind likelihood trains one variational autoencoder per row and writes their test NLLs in one table.
@Suite(.serialized) struct LikelihoodStudyTests {
    let scratch: ExperimentScratch
    init() throws { scratch = try ExperimentScratch() }

    /// A VAE and an IWAE (k = 5) on 2,000 real binarised MNIST digits for one epoch: both beat a coin per pixel
    /// (784 ln 2 = 543 nats) by far, and the notebook's table holds both rows beside their published figures.
    @Test(.enabled(if: TestData.hasMNIST, "needs ../shared/data/mnist"))
    func runsBothRowsOnRealMNIST() throws {
        let data = scratch.path("data")
        try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
        try scratch.writeMNISTSubset(.train, prefix: "train", count: 2_000, into: data)
        try scratch.writeMNISTSubset(.test, prefix: "t10k", count: 100, into: data)
        let experiment = try scratch.write(
            """
            name: tiny-iwae
            question: Do both rows run?
            kind: likelihood
            dataset: mnist
            data_dir: data
            seed: 0
            model: {arch: burda, code: 10}
            training: {epochs: 2, batch_size: 50, binarise: dynamic}
            evaluation: {nll_samples: 50, nll_images: 40}
            rows:
              - {name: vae, reference_nats: 86.76}
              - {name: iwae, importance_samples: 5, epochs: 1, reference_nats: 84.78}
            """)
        let notebook = try ExperimentRunner(
            experimentPath: experiment, runsFolder: scratch.path("runs"), notebooksFolder: scratch.path("notebooks"),
            log: { _ in }
        ).run(command: "test")

        let results = try #require(
            JSONSerialization.jsonObject(
                with: Data(contentsOf: URL(fileURLWithPath: scratch.path("runs/tiny-iwae/results.json"))))
                as? [String: Any])
        for row in ["vae", "iwae"] {
            let nll = try #require(results["\(row)_test_nll_nats"] as? Double)
            #expect(nll > 80 && nll < 400, "\(row): \(nll) nats")
            #expect(FileManager.default.fileExists(atPath: scratch.path("runs/tiny-iwae/\(row)/seed-0/model.h5")))
        }
        #expect(results["vae_epochs"] as? Double == 2 && results["iwae_epochs"] as? Double == 1)
        let text = try String(contentsOfFile: notebook, encoding: .utf8)
        #expect(text.contains("| vae | 1 | 2 | ") && text.contains("| 86.76 | +"))
        #expect(text.contains("| iwae | 5 | 1 | ") && text.contains("| 84.78 | +"))
        #expect(text.contains("first 40 of the 100 test images, binarised once"))
    }

    @Test func refusesARowWhoseSettingsDoNotGoTogether() throws {
        try scratch.dataset(train: 20, test: 5)
        let experiment = try scratch.write(
            """
            name: tiny
            question: q
            kind: likelihood
            dataset: fashion-mnist
            data_dir: data
            seed: 0
            model: {arch: variational, code: 4}
            evaluation: {nll_samples: 10}
            rows: [{name: vae}]
            """)
        let error = try #require(throws: (any Error).self) {
            try ExperimentRunner(
                experimentPath: experiment, runsFolder: scratch.path("runs"),
                notebooksFolder: scratch.path("notebooks"), log: { _ in }
            ).run(command: "test")
        }
        #expect("\(error)".contains("rows[0] (vae): evaluation.nll_samples: 10 needs a Bernoulli decoder"), "\(error)")
        #expect(!FileManager.default.fileExists(atPath: scratch.path("runs")))
    }
}
