import Foundation
import LatentCore
import LatentData
import LatentDistributed
import LatentModels

extension TrainingArguments {
    /// The checkpoint every epoch overwrites, which `--resume` continues.
    var checkpointPath: String { "\(out)/model.h5" }

    /// How the `Trainer` runs for these options on `trainCount` images: the settings' epochs, batches, seed and
    /// schedule, checkpoint and metrics in `--out`, progress on standard error, continuing from `resuming` when given
    /// (`resumedCheckpoint`); `distribute` makes them data-parallel under `mpirun`.
    func options(resuming: Checkpoint?, trainCount: Int) -> TrainingOptions {
        var options = settings.options(trainCount: trainCount)
        options.metricsLog = "\(out)/metrics.jsonl"
        options.checkpointPath = checkpointPath
        options.showsProgress = true
        options.resumingFrom = resuming
        return options
    }

    /// Makes `options` data-parallel in `job` when it has several processes, with what they must agree on before the
    /// first step besides the model: the command line, the dataset and the checkpoint --resume continues.
    func distribute(
        _ options: inout TrainingOptions, in job: Communicator?, train: ImageDataset, test: ImageDataset
    ) throws {
        guard let job, job.size > 1 else { return }
        options.job = job
        options.jobFacts = JobFacts.commandLine(train: train, test: test)
        if resume { try options.jobFacts.append(contentsOf: checkpointPath, as: "the checkpoint --resume continues") }
    }

    /// The checkpoint `--resume` continues, `nil` without `--resume`. Refused, naming the file: none in `--out`, one
    /// that cannot be read, or one of another kind than `kind`. `Trainer.resume` checks the rest.
    func resumedCheckpoint(of kind: ModelKind, for command: String) throws -> Checkpoint? {
        guard resume else { return nil }
        guard FileManager.default.fileExists(atPath: checkpointPath) else {
            throw LatentError(
                "--resume: no checkpoint to continue in --out \(out) (no model.h5); "
                    + "train without --resume to start a run there")
        }
        do {
            return try Checkpoint.load(from: checkpointPath, requiring: [kind], for: "\(command) --resume")
        } catch let error as LatentError {
            throw LatentError("--resume \(error)")
        }
    }
}
