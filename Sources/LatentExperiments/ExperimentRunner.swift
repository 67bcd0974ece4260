import Foundation
import LatentCore
import LatentData

/// Runs an experiment file and writes `runs/NAME/results.json`, its pictures and checkpoints,
/// and the notebook `notebooks-md/NAME.md` with its pictures under `notebooks-md/NAME/`.
public struct ExperimentRunner {
    public let experimentPath: String
    public let runsFolder: String
    public let notebooksFolder: String
    /// The data directory given on the command line (`--data-dir`), which wins over the file's `data_dir`.
    public let dataDirectory: String?
    public let log: (String) -> Void

    public init(
        experimentPath: String, runsFolder: String = "runs", notebooksFolder: String = "notebooks-md",
        dataDirectory: String? = nil, log: @escaping (String) -> Void
    ) {
        self.experimentPath = experimentPath
        self.dataDirectory = dataDirectory
        self.runsFolder = runsFolder
        self.notebooksFolder = notebooksFolder
        self.log = log
    }

    /// Runs the experiment; returns the path of the notebook written.
    ///
    /// Everything is checked first (the file, the output folders, then the data against the file), so that a
    /// mistake costs no training and leaves no folder behind.
    @discardableResult
    public func run(command: String) throws -> String {
        let (experiment, text) = try Experiment.load(from: experimentPath)
        let outputs = try ExperimentOutputs(
            runsFolder: runsFolder, notebooksFolder: notebooksFolder, name: experiment.name)
        let experimentFolder = AtomicFile.folder(of: experimentPath)
        let start = Date()
        var report: ExperimentReport
        switch experiment.kind {
        case .nearDuplicate: report = try runNearDuplicate(experiment, folder: experimentFolder, outputs: outputs)
        case .zoo: report = try runZoo(experiment, folder: experimentFolder, outputs: outputs)
        default: report = try runOnDataset(experiment, folder: experimentFolder, outputs: outputs)
        }
        report.figures.append(("wall_seconds", Date().timeIntervalSince(start)))
        try AtomicFile.write(report.json, to: (outputs.runFolder as NSString).appendingPathComponent("results.json"))
        try outputs.publish(report.sections.flatMap(\.pictures).map(\.file))
        let machine =
            "\(ProcessInfo.processInfo.activeProcessorCount) cores, \(BLAS.threads) BLAS threads, \(BLAS.configuration), "
            + "\(Self.build) build; \(Int(Date().timeIntervalSince(start))) s"
        let notebook = report.notebook(
            experiment: experiment, configuration: text, command: command,
            pictureFolder: experiment.name, machine: machine)
        try AtomicFile.write(notebook, to: outputs.notebookPath)
        return outputs.notebookPath
    }

    /// How this binary was compiled, for the notebook's machine line: timings of a debug build are not a release's.
    #if DEBUG
        private static let build = "debug"
    #else
        private static let build = "release"
    #endif

    /// Loads and checks the experiment's dataset, then runs a kind that reads one.
    private func runOnDataset(
        _ experiment: Experiment, folder experimentFolder: String, outputs: ExperimentOutputs
    ) throws -> ExperimentReport {
        // The schema requires a dataset of every kind that reads one.
        guard let dataset = experiment.dataset else { throw LatentError("\(experimentPath): dataset: missing") }
        // The usual lookup (--data-dir, $LATENT_DATA/NAME, the fetch cache) unless the file names a folder of its own.
        let (train, test) = try load(
            dataset, from: dataset.directory(flag: dataFolder(of: experiment, in: experimentFolder)), for: experiment)
        try outputs.create()
        let context = ExperimentContext(
            experiment: experiment, train: train, test: test, output: outputs.runFolder, log: log)
        switch experiment.kind {
        case .autoencoder: return try AutoencoderStudy.run(context)
        case .classifier: return try ClassifierStudy.run(context)
        case .comparison: return try ComparisonStudy.run(context)
        case .transfer: return try TransferStudy.run(context)
        case .perCategory: return try PerCategoryStudy.run(context)
        case .visualSearch: return try VisualSearchStudy.run(context)
        case .likelihood: return try LikelihoodStudy.run(context)
        case .nearDuplicate, .zoo:
            throw LatentError("\(experimentPath): kind \(experiment.kind.rawValue) does not read one dataset")
        }
    }

    /// Loads and checks every dataset of a zoo, then trains every row on each. `--data-dir` and `data_dir` name a
    /// folder holding one folder per dataset (`mnist/`, `fashion-mnist/`), as `$LATENT_DATA` does.
    private func runZoo(
        _ experiment: Experiment, folder experimentFolder: String, outputs: ExperimentOutputs
    ) throws -> ExperimentReport {
        let root = dataFolder(of: experiment, in: experimentFolder)
        var data: [(dataset: KnownDataset, train: ImageDataset, test: ImageDataset)] = []
        for dataset in experiment.datasets ?? [] {
            let directory = dataset.directory(
                flag: root.map { (($0 as NSString).appendingPathComponent(dataset.rawValue)) })
            let (train, test) = try load(dataset, from: directory, for: experiment)
            data.append((dataset, train, test))
        }
        try outputs.create()
        return try ZooStudy.run(
            data.map {
                (
                    $0.dataset,
                    ExperimentContext(
                        experiment: experiment, train: $0.train, test: $0.test, output: outputs.runFolder, log: log)
                )
            })
    }

    /// `--data-dir`, else the file's `data_dir` (relative to the file's folder), else `nil`.
    private func dataFolder(of experiment: Experiment, in experimentFolder: String) -> String? {
        dataDirectory
            ?? experiment.dataDir.map {
                $0.hasPrefix("/") ? $0 : (experimentFolder as NSString).appendingPathComponent($0)
            }
    }

    /// Both splits of `dataset` from `directory`, checked against the experiment before anything is written.
    private func load(
        _ dataset: KnownDataset, from directory: String, for experiment: Experiment
    ) throws -> (train: ImageDataset, test: ImageDataset) {
        log("\(experiment.name): loading \(dataset.rawValue) from \(directory)")
        let (train, test) = (try dataset.load(.train, from: directory), try dataset.load(.test, from: directory))
        do {
            try experiment.check(train: train, test: test, source: "\(dataset.rawValue) in \(directory)")
        } catch {
            throw LatentError("\(experimentPath): \(error)")
        }
        return (train, test)
    }

    /// Loads the models and imports the photos, then runs the near-duplicate search.
    private func runNearDuplicate(
        _ experiment: Experiment, folder experimentFolder: String, outputs: ExperimentOutputs
    ) throws -> ExperimentReport {
        let photos: NearDuplicatePhotos
        let settings: NearDuplicateStudy.Settings
        do {
            settings = try NearDuplicateStudy.Settings(experiment, folder: experimentFolder)
            log("\(experiment.name): importing the photos in \(settings.originals) and reading their copies")
            photos = try NearDuplicatePhotos(
                originals: settings.originals, copies: settings.copies, preprocessing: settings.preprocessing)
        } catch {
            throw LatentError("\(experimentPath): \(error)")
        }
        try outputs.create()
        return try NearDuplicateStudy.run(settings, photos: photos, output: outputs.runFolder, log: log)
    }
}
