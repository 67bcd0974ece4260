import ArgumentParser
import LatentExperiments

/// `latent run experiments/NAME.yaml`: run an experiment file and regenerate its notebook.
struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run an experiment file; write runs/NAME/ (results.json, pictures, checkpoints) and notebooks-md/NAME.md.")

    @Argument(help: "The experiment file (YAML).")
    var experiment: String

    @Option(help: "Folder for results, pictures and checkpoints.")
    var runs = "runs"

    @Option(help: "Folder for the notebook and its pictures.")
    var notebooks = "notebooks-md"

    func run() throws {
        let runner = ExperimentRunner(experimentPath: experiment, runsFolder: runs, notebooksFolder: notebooks, log: log)
        let notebook = try runner.run(command: "latent run \(experiment)")
        print("wrote \(notebook)")
    }
}
