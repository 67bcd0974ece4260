import Foundation
import LatentExperiments
import LatentRetrieval
import LatentSearch
import LatentTestSupport
import Testing

/// The visual product search experiment on the catalogue's tiny copy of the real Fashion-MNIST (its first 200 train
/// and 50 test images): exported files, imported, indexed four ways (five with the self-supervised row) and searched
/// with held-out query files.
@Suite(.serialized) struct VisualSearchStudyTests {
    let scratch: ExperimentScratch
    init() throws { scratch = try ExperimentScratch() }

    static let experiment = """
        name: shop
        question: Which codes find the same class from a query file?
        kind: visual-search
        dataset: fashion-mnist
        data_dir: \(TestData.repositoryRoot)/Tests/BadInput/files/tiny
        seed: 0
        model: {arch: dense, code: 8}
        training: {epochs: 2, batch_size: 32, learning_rate: 0.001}
        evaluation: {database_per_class: 20, queries_per_class: 5, queries: [0], neighbours: 4}

        """

    func run(_ experiment: String) throws -> String {
        try ExperimentRunner(
            experimentPath: try scratch.write(experiment), runsFolder: scratch.path("runs"),
            notebooksFolder: scratch.path("notebooks"), log: { _ in }
        ).run(command: "latent run e.yaml")
    }

    @Test func queryFilesFindTheirClassAndDatabaseFilesFindThemselves() throws {
        let notebook = try run(Self.experiment)
        let results = try JSONSerialization.jsonObject(
            with: Data(contentsOf: URL(fileURLWithPath: scratch.path("runs/shop/results.json"))))
        let figures = try #require(results as? [String: Double])
        // Classes with fewer give all they have.
        #expect(figures["database_images"] == 188 && figures["query_files"] == 45)
        for method in ["pixels", "pca", "autoencoder", "cnn"] {
            // A database photo searched by its own file: first, at distance ~0, whatever the codes.
            #expect(figures["\(method)_self_first"] == 1, "\(method)")
            #expect(try #require(figures["\(method)_self_distance_max"]) < 1e-4, "\(method)")
            let precision = try #require(figures["\(method)_precision_at_10"])
            let map = try #require(figures["\(method)_map_at_100"])
            #expect(map > 0 && map <= 1 && precision <= 1, "\(method)")
        }
        // Ten classes: chance is 0.1. Even 188 photos and two epochs put the CNN's features far above it.
        #expect(try #require(figures["cnn_precision_at_10"]) > 0.4)
        #expect(try #require(figures["pca_precision_at_10"]) > 0.4)

        let text = try String(contentsOfFile: notebook, encoding: .utf8)
        #expect(text.contains("| CNN features (hidden, 128) |") && text.contains("| PCA-8 |"))
        #expect(FileManager.default.fileExists(atPath: scratch.path("notebooks/shop/query-test-0.png")))
        let index = try ImageIndex.load(from: scratch.path("runs/shop/cnn.index.h5"))
        #expect(index.count == 188 && index.metric == .cosine && index.dimension == 128)
        // The exported photos lived in a temporary folder and are gone with it.
        #expect(scratch.listing().allSatisfy { !$0.contains("database/") })
    }

    @Test func selfSupervisedRowTrainsWithoutLabelsAndIsSearched() throws {
        let experiment =
            Self.experiment
            + "self_supervised: {method: simclr, epochs: 1, batch_size: 64, temperature: 0.2, augment: \"crop:0.5,flip\"}\n"
        let notebook = try run(experiment)
        let results = try JSONSerialization.jsonObject(
            with: Data(contentsOf: URL(fileURLWithPath: scratch.path("runs/shop/results.json"))))
        let figures = try #require(results as? [String: Double])
        // Its codes come from the query file through the encoder as the database's did: each finds itself first.
        #expect(figures["ssl_self_first"] == 1)
        #expect(try #require(figures["ssl_self_distance_max"]) < 1e-4)
        // Ten classes: chance is 0.1; three steps on 188 photos (0.28 with seed 0) already put the features above twice
        // that, which a search that ignored the codes would not reach.
        let precision = try #require(figures["ssl_precision_at_10"])
        #expect(precision > 0.2 && precision <= 1, "\(precision)")
        #expect(try #require(figures["ssl_training_seconds"]) > 0)

        let text = try String(contentsOfFile: notebook, encoding: .utf8)
        #expect(text.contains("| self-supervised simclr features (64) |"))
        #expect(text.contains("SimCLR's NT-Xent at temperature 0.2") && text.contains("`crop:0.5,flip`"))
        // The index holds the 64 pooled features before the projection head, not the 128 projections.
        let index = try ImageIndex.load(from: scratch.path("runs/shop/ssl.index.h5"))
        #expect(index.count == 188 && index.metric == .cosine && index.dimension == 64)
    }

    @Test func settingsTheDataCannotMeetWriteNothing() throws {
        let mistakes = [
            ("database_per_class: 20", "database_per_class: 5", "makes a database of 50 images"),
            // Row 41 is the sixth trouser of the test split; five per class are written.
            ("queries: [0]", "queries: [41]", "test image 41 is not among the query files"),
        ]
        for (right, wrong, words) in mistakes {
            let error = try #require(throws: (any Error).self) {
                try run(Self.experiment.replacingOccurrences(of: right, with: wrong))
            }
            #expect("\(error)".contains(words), "\(error)")
        }
        #expect(!FileManager.default.fileExists(atPath: scratch.path("runs")))
    }
}
