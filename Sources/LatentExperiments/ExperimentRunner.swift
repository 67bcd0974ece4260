import Foundation
import LatentCore
import LatentData

/// Runs an experiment file and writes `runs/NAME/results.json`, its pictures and checkpoints,
/// and the notebook `notebooks-md/NAME.md` with its pictures under `notebooks-md/NAME/`.
public struct ExperimentRunner {
    public let experimentPath: String
    public let runsFolder: String
    public let notebooksFolder: String
    public let log: (String) -> Void

    public init(experimentPath: String, runsFolder: String = "runs", notebooksFolder: String = "notebooks-md",
                log: @escaping (String) -> Void) {
        self.experimentPath = experimentPath
        self.runsFolder = runsFolder
        self.notebooksFolder = notebooksFolder
        self.log = log
    }

    /// Runs the experiment; returns the path of the notebook written.
    @discardableResult
    public func run(command: String) throws -> String {
        let (experiment, text) = try Experiment.load(from: experimentPath)
        let folder = (experimentPath as NSString).deletingLastPathComponent
        let dataDirectory = experiment.dataDir.map { $0.hasPrefix("/") ? $0 : (folder as NSString).appendingPathComponent($0) }
        let directory = experiment.dataset.directory(flag: dataDirectory)
        log("\(experiment.name): loading \(experiment.dataset.rawValue) from \(directory)")
        let (train, test) = (try experiment.dataset.load(.train, from: directory), try experiment.dataset.load(.test, from: directory))
        let output = (runsFolder as NSString).appendingPathComponent(experiment.name)
        try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
        let context = ExperimentContext(experiment: experiment, train: train, test: test, output: output, log: log)

        let start = Date()
        var report: ExperimentReport
        switch experiment.kind {
        case .autoencoder: report = try AutoencoderStudy.run(context)
        case .comparison: report = try ComparisonStudy.run(context)
        case .transfer: report = try TransferStudy.run(context)
        case .perCategory: report = try PerCategoryStudy.run(context)
        }
        report.figures.append(("wall_seconds", Date().timeIntervalSince(start)))
        try report.json.write(toFile: (output as NSString).appendingPathComponent("results.json"), atomically: true, encoding: .utf8)

        let pictureFolder = (notebooksFolder as NSString).appendingPathComponent(experiment.name)
        let pictures = report.sections.flatMap(\.pictures)
        if !pictures.isEmpty { try FileManager.default.createDirectory(atPath: pictureFolder, withIntermediateDirectories: true) }
        for picture in pictures {
            let destination = (pictureFolder as NSString).appendingPathComponent(picture.file)
            try? FileManager.default.removeItem(atPath: destination)
            try FileManager.default.copyItem(atPath: (output as NSString).appendingPathComponent(picture.file), toPath: destination)
        }
        let machine = "\(ProcessInfo.processInfo.activeProcessorCount) cores, \(BLAS.threads) BLAS threads, \(BLAS.configuration), "
            + "release build; \(Int(Date().timeIntervalSince(start))) s"
        let notebook = report.notebook(experiment: experiment, configuration: text, command: command,
                                       pictureFolder: experiment.name, machine: machine)
        let notebookPath = (notebooksFolder as NSString).appendingPathComponent("\(experiment.name).md")
        try notebook.write(toFile: notebookPath, atomically: true, encoding: .utf8)
        return notebookPath
    }
}
