import ArgumentParser
import LatentExperiments

/// `latent run experiments/NAME.yaml`: run an experiment file and regenerate its notebook.
struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract:
            "Run an experiment file; write runs/NAME/ (results.json, pictures, checkpoints) and notebooks-md/NAME.md.")

    @Argument(help: "The experiment file (YAML).")
    var experiment: String

    @Option(help: "Folder for results, pictures and checkpoints.")
    var runs = "runs"

    @Option(help: "Folder for the notebook and its pictures.")
    var notebooks = "notebooks-md"

    @Option(
        help:
            "Directory holding the dataset's four IDX files (default: the file's data_dir, else $LATENT_DATA/NAME, else the Debian package, else ~/.cache/latent/NAME, which `latent data fetch NAME` fills)."
    )
    var dataDir: String?

    func run() throws {
        let runner = ExperimentRunner(
            experimentPath: experiment, runsFolder: runs, notebooksFolder: notebooks,
            dataDirectory: dataDir, log: log)
        let notebook = try runner.run(command: "latent run \(experiment)")
        print("wrote \(notebook)")
    }
}
