import Foundation
import LatentExperiments
import LatentModels
import Testing

/// The runner checks the file, the output folders and the data before training, and writes nothing when
/// any check fails; on plausible small data every kind runs to the end.
@Suite(.serialized) struct ExperimentRunnerTests {
    let scratch: ExperimentScratch
    init() throws { scratch = try ExperimentScratch() }

    func runner(_ experiment: String, runs: String? = nil, notebooks: String? = nil) -> ExperimentRunner {
        ExperimentRunner(
            experimentPath: experiment, runsFolder: runs ?? scratch.path("runs"),
            notebooksFolder: notebooks ?? scratch.path("notebooks"), log: { _ in })
    }

    /// Runs `experiment` (after the data is written), expects an error with `words`, and that no file appeared.
    func expectNothingWritten(
        _ experiment: String, _ words: [String], runs: String? = nil, notebooks: String? = nil
    ) throws {
        let path = try scratch.write(experiment)
        let before = scratch.listing()
        let error = try #require(throws: (any Error).self) {
            try runner(path, runs: runs, notebooks: notebooks).run(command: "test")
        }
        for word in words { #expect("\(error)".contains(word), "\(error) lacks \(word)") }
        #expect(scratch.listing() == before, "the failed run wrote files")
    }

    @Test func fileMistakeWritesNothing() throws {
        try scratch.dataset(train: 20, test: 5)
        try expectNothingWritten(
            validExperiment.replacingOccurrences(of: "name: tiny", with: "name: ../escape"),
            ["name: \"../escape\" is not a plain name"])
        try expectNothingWritten(
            validExperiment.replacingOccurrences(of: "epochs: 1,", with: "epochs: 0,"), ["training.epochs"])
    }

    @Test func dataMistakesWriteNothing() throws {
        try scratch.dataset(train: 20, test: 5)
        try expectNothingWritten(
            validExperiment.replacingOccurrences(of: "queries: [0]", with: "queries: [5]"),
            ["evaluation.queries: 5 is not a test image", "holds 5 (0 to 4)"])
        try expectNothingWritten(
            validExperiment.replacingOccurrences(of: "code: 4", with: "code: 65"),
            ["model.code: 65 is more than the 64 pixels of each 8x8 image"])
        try expectNothingWritten(
            validExperiment.replacingOccurrences(of: "code: 4", with: "code: 30"),
            ["model.code: 30 needs at least 30 train images for PCA-30", "holds 20"])
        try expectNothingWritten(
            validExperiment.replacingOccurrences(of: "neighbours: 3", with: "neighbours: 21"),
            ["evaluation.neighbours: 21 is more than the 20 train images"])
    }

    @Test func dataShapesThatCannotWorkWriteNothing() throws {
        try scratch.dataset("empty-test", train: 20, test: 0)
        try expectNothingWritten(
            validExperiment.replacingOccurrences(of: "data_dir: data", with: "data_dir: empty-test"),
            ["empty-test/t10k-images-idx3-ubyte.gz: holds no images"])
        try scratch.dataset("mixed", train: 20, test: 5, side: 8, testSide: 4)
        try expectNothingWritten(
            validExperiment.replacingOccurrences(of: "data_dir: data", with: "data_dir: mixed"),
            ["holds 8x8 images but", "holds 4x4"])
        try scratch.dataset("old-only", train: 20, test: 5, classes: [0, 1, 2, 3, 4])
        let transfer = validExperiment.replacingOccurrences(of: "kind: autoencoder", with: "kind: transfer")
            .replacingOccurrences(of: "model: {arch: dense, code: 4}\n", with: "")
            .replacingOccurrences(
                of: "training: {epochs: 1, batch_size: 16, learning_rate: 0.001}", with: "training: {epochs: 1}"
            )
            .replacingOccurrences(
                of: "evaluation: {queries: [0], neighbours: 3}", with: "evaluation: {labels_per_class: [3]}")
        try expectNothingWritten(
            transfer.replacingOccurrences(of: "data_dir: data", with: "data_dir: old-only"),
            ["kind transfer measures classes 5, 6, 7, 8, 9", "test split", "holds none of them"])
        try scratch.dataset(train: 20, test: 10)
        try expectNothingWritten(
            transfer.replacingOccurrences(of: "labels_per_class: [3]", with: "labels_per_class: [3, 2]"),
            ["evaluation.labels_per_class: 3 is more than the 2 train images of class 5 (Sandal)"])
    }

    @Test func outputFoldersAreCheckedFirst() throws {
        try scratch.dataset(train: 20, test: 5)
        try scratch.write("a file, not a folder", to: "file")
        try expectNothingWritten(
            validExperiment, ["runs folder \(scratch.path("file")): is a file, not a folder"],
            runs: scratch.path("file"))
        try expectNothingWritten(
            validExperiment, ["notebooks folder \(scratch.path("file/sub"))", "is a file, not a folder"],
            notebooks: scratch.path("file/sub"))
        try FileManager.default.createDirectory(
            atPath: scratch.path("notebooks/tiny.md"), withIntermediateDirectories: true)
        try expectNothingWritten(validExperiment, ["tiny.md: is a directory; it is not replaced"])
    }

    /// A test split of one image, a one-unit code and a 20-image train split: plausible small data runs through.
    @Test func tinyDataRunsThrough() throws {
        try scratch.dataset(train: 20, test: 1)
        let path = try scratch.write(validExperiment.replacingOccurrences(of: "code: 4", with: "code: 1"))
        let notebook = try runner(path).run(command: "latent run e.yaml")
        #expect(notebook == scratch.path("notebooks/tiny.md"))
        let results = try String(contentsOfFile: scratch.path("runs/tiny/results.json"), encoding: .utf8)
        #expect(results.contains("\"code_size\": 1") && results.contains("\"epochs\": 1"))
        #expect(FileManager.default.fileExists(atPath: scratch.path("notebooks/tiny/neighbours-0.png")))
        // PCA's two components of a one-unit code do not exist: no code map rather than a failure after training.
        #expect(!FileManager.default.fileExists(atPath: scratch.path("runs/tiny/code-map.svg")))
    }

    static let otherKinds = [
        "kind: comparison\nmodel: {archs: [dense, conv], codes: [2, 3]}\ntraining: {epochs: 1}",
        "kind: per-category\ntraining: {epochs: 1}\nevaluation: {queries: [2], neighbours: 50}",
        "kind: transfer\ntraining: {epochs: 1}\nevaluation: {labels_per_class: [1, 2]}",
    ]

    /// Every kind on 20 train and 10 test images of 8x8 pixels: small, but nothing in it is impossible.
    @Test(arguments: otherKinds)
    func otherKindsRunOnTinyData(_ kind: String) throws {
        try scratch.dataset(train: 20, test: 10)
        let path = try scratch.write(
            "name: tiny\nquestion: q\ndataset: fashion-mnist\ndata_dir: data\nseed: 0\n\(kind)\n")
        try runner(path).run(command: "test")
        let results = try String(contentsOfFile: scratch.path("runs/tiny/results.json"), encoding: .utf8)
        #expect(results.contains("\"wall_seconds\""))
        #expect(FileManager.default.fileExists(atPath: scratch.path("notebooks/tiny.md")))
    }

    /// A ResNet classifier over two seeds on 20 train and 10 test images of 8x8 pixels (its stages halve them to 1x1):
    /// a checkpoint per seed, the mean of the seeds' accuracies, and the notebook's table.
    @Test func aResNetClassifierRunsOnTinyData() throws {
        try scratch.dataset(train: 20, test: 10)
        let path = try scratch.write(
            "name: tiny\nquestion: q\nkind: classifier\ndataset: fashion-mnist\ndata_dir: data\nseeds: [0, 1]\n"
                + "model: {arch: resnet}\ntraining: {epochs: 1, batch_size: 10}\n")
        try runner(path).run(command: "latent run e.yaml")
        let json = try Data(contentsOf: URL(fileURLWithPath: scratch.path("runs/tiny/results.json")))
        let figures = try #require(try JSONSerialization.jsonObject(with: json) as? [String: Double])
        let (seed0, seed1) = (
            try #require(figures["test_accuracy_seed_0"]), try #require(figures["test_accuracy_seed_1"])
        )
        #expect(abs(try #require(figures["test_accuracy"]) - (seed0 + seed1) / 2) < 1e-5)
        #expect(abs(try #require(figures["test_accuracy_sd"]) - abs(seed0 - seed1) / 2.0.squareRoot()) < 1e-5)
        #expect(figures["epochs"] == 1 && figures["seeds"] == 2)
        // Every test image is right or wrong: an accuracy over 10 images is a whole number of tenths.
        #expect(abs(seed0 * 10 - (seed0 * 10).rounded()) < 1e-4)
        for folder in ["runs/tiny", "runs/tiny/seed-1"] {
            let checkpoint = try Checkpoint.load(from: scratch.path("\(folder)/model.h5"), requiring: [.classifier])
            #expect(
                checkpoint.metadata["architecture"] == "resnet" && checkpoint.metadata["dataset"] == "fashion-mnist")
            #expect(FileManager.default.fileExists(atPath: scratch.path("\(folder)/metrics.jsonl")))
        }
        #expect(figures["parameters"].map { $0 > 100_000 } == true, "ResNet-18's layout at 16 to 128 channels")
        let notebook = try String(contentsOfFile: scratch.path("notebooks/tiny.md"), encoding: .utf8)
        #expect(notebook.contains("| seed | test accuracy |") && notebook.contains("| 1 | "))
        #expect(notebook.contains("## Accuracy per class (seed 0)") && notebook.contains("| 9 Ankle boot |"))
    }

    /// A U-Net autoencoder on 8x8 images (both sides divide by 4, as its two poolings need) runs to the end.
    @Test func aUNetAutoencoderRunsOnTinyData() throws {
        try scratch.dataset(train: 20, test: 5)
        let path = try scratch.write(validExperiment.replacingOccurrences(of: "arch: dense", with: "arch: unet"))
        try runner(path).run(command: "latent run e.yaml")
        let results = try String(contentsOfFile: scratch.path("runs/tiny/results.json"), encoding: .utf8)
        #expect(results.contains("\"code_size\": 4") && results.contains("\"epochs\": 1"))
        let checkpoint = try Checkpoint.load(from: scratch.path("runs/tiny/model.h5"), requiring: [.autoencoder])
        #expect(checkpoint.metadata["architecture"] == "unet")
        #expect(FileManager.default.fileExists(atPath: scratch.path("notebooks/tiny/reconstructions.png")))
    }

    /// A classifier that cannot take the images is refused by model.arch before anything is written.
    @Test func aClassifierForImagesTooSmallWritesNothing() throws {
        try scratch.dataset(train: 20, test: 5, side: 2)
        try expectNothingWritten(
            "name: tiny\nquestion: q\nkind: classifier\ndataset: fashion-mnist\ndata_dir: data\nseed: 0\n"
                + "model: {arch: cnn}\n",
            ["model.arch: the cnn classifier cannot take", "the images of fashion-mnist in", "are 2x2"])
    }

    /// A transfer run over seeds 0 and 1 reports the mean and the sample standard deviation of the runs of seed 0 and
    /// seed 1 alone.
    @Test func transferOverSeedsIsTheMeanOfEachSeed() throws {
        try scratch.dataset(train: 40, test: 10)
        func figures(_ seedLine: String, name: String) throws -> [String: Double] {
            let path = try scratch.write(
                "name: \(name)\nquestion: q\ndataset: fashion-mnist\ndata_dir: data\n\(seedLine)\n"
                    + "kind: transfer\ntraining: {epochs: 1}\nevaluation: {labels_per_class: [2]}\n")
            try runner(path).run(command: "test")
            let json = try Data(contentsOf: URL(fileURLWithPath: scratch.path("runs/\(name)/results.json")))
            return try #require(try JSONSerialization.jsonObject(with: json) as? [String: Double])
        }
        let seed0 = try figures("seed: 0", name: "seed0")
        let seed1 = try figures("seed: 1", name: "seed1")
        let both = try figures("seeds: [0, 1]", name: "both")
        for route in ["frozen_head_2", "finetune_last_two_2", "scratch_2", "one_nn_pixels_2"] {
            let (a, b) = (try #require(seed0[route]), try #require(seed1[route]))
            #expect(abs(try #require(both[route]) - (a + b) / 2) < 1e-5, "\(route)")
            #expect(abs(try #require(both[route + "_std"]) - abs(a - b) / 2.0.squareRoot()) < 1e-5, "\(route)_std")
        }
        #expect(seed0["frozen_head_2_std"] == nil)
    }

    @Test func theSameFolderForRunsAndNotebooksKeepsThePictures() throws {
        try scratch.dataset(train: 20, test: 3)
        let path = try scratch.write(validExperiment.replacingOccurrences(of: "arch: dense", with: "arch: conv"))
        try runner(path, runs: scratch.path("out"), notebooks: scratch.path("out")).run(command: "test")
        let picture = try Data(contentsOf: URL(fileURLWithPath: scratch.path("out/tiny/reconstructions.png")))
        #expect(picture.starts(with: [0x89, 0x50, 0x4E, 0x47]))
        #expect(FileManager.default.fileExists(atPath: scratch.path("out/tiny.md")))
    }
}
