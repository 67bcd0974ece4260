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
        // The usual lookup (--data-dir, $LATENT_DATA/NAME, the fetch cache) unless the file names a folder of its own.
        let fileDirectory = experiment.dataDir.map {
            $0.hasPrefix("/") ? $0 : (experimentFolder as NSString).appendingPathComponent($0)
        }
        let directory = experiment.dataset.directory(flag: dataDirectory ?? fileDirectory)
        log("\(experiment.name): loading \(experiment.dataset.rawValue) from \(directory)")
        let (train, test) = (
            try experiment.dataset.load(.train, from: directory), try experiment.dataset.load(.test, from: directory)
        )
        do {
            try experiment.check(train: train, test: test, source: "\(experiment.dataset.rawValue) in \(directory)")
        } catch {
            throw LatentError("\(experimentPath): \(error)")
        }
        try outputs.create()
        let context = ExperimentContext(
            experiment: experiment, train: train, test: test, output: outputs.runFolder, log: log)

        let start = Date()
        var report: ExperimentReport
        switch experiment.kind {
        case .autoencoder: report = try AutoencoderStudy.run(context)
        case .classifier: report = try ClassifierStudy.run(context)
        case .comparison: report = try ComparisonStudy.run(context)
        case .transfer: report = try TransferStudy.run(context)
        case .perCategory: report = try PerCategoryStudy.run(context)
        case .visualSearch: report = try VisualSearchStudy.run(context)
        }
        report.figures.append(("wall_seconds", Date().timeIntervalSince(start)))
        try AtomicFile.write(report.json, to: context.path("results.json"))
        try outputs.publish(report.sections.flatMap(\.pictures).map(\.file))
        let machine =
            "\(ProcessInfo.processInfo.activeProcessorCount) cores, \(BLAS.threads) BLAS threads, \(BLAS.configuration), "
            + "release build; \(Int(Date().timeIntervalSince(start))) s"
        let notebook = report.notebook(
            experiment: experiment, configuration: text, command: command,
            pictureFolder: experiment.name, machine: machine)
        try AtomicFile.write(notebook, to: outputs.notebookPath)
        return outputs.notebookPath
    }
}
