import LatentCore

extension TrainingSettings {
    /// Refuses settings that are valid one by one but not together: a warm-up that leaves no epoch after it.
    ///
    /// Each value's own range is the front end's to check (the argument parser's or the experiment schema's); the
    /// rules here need several values, so they are checked once, here, in the words of `names`.
    public func check(names: SettingNames) throws(LatentError) {
        guard warmupEpochs < epochs else {
            throw LatentError(
                "\(names.quoting("training.warmup_epochs", warmupEpochs)) leaves no epoch after the "
                    + "warm-up (\(names("training.epochs")) is \(epochs)); use fewer warm-up epochs")
        }
    }

    /// Refuses, for a job of `processes` processes under `mpirun`, batches that do not split into equal shares, and
    /// (once the data is read) a train split of fewer images than processes.
    public func checkShares(processes: Int, trainCount: Int? = nil, names: SettingNames) throws(LatentError) {
        if let problem = Self.shareProblem(
            batchSize: batchSize, processes: processes, trainCount: trainCount,
            batch: names.quoting("training.batch_size", batchSize))
        {
            throw LatentError(problem)
        }
    }

    /// The one statement of the rule, for `checkShares` and for `Trainer`, which enforces it on options built by
    /// hand: every process takes an equal share of every batch, and at least one image. `batch` names the batch
    /// size as the caller's user wrote it.
    package static func shareProblem(batchSize: Int, processes: Int, trainCount: Int?, batch: String) -> String? {
        guard processes > 1 else { return nil }
        if batchSize % processes != 0 {
            return "\(batch) is not divisible by the \(processes) processes of the mpirun job; each process takes an "
                + "equal share of every batch"
        }
        if let trainCount, trainCount < processes {
            return "the \(trainCount) train images are fewer than the \(processes) processes of the mpirun job; "
                + "run fewer processes"
        }
        return nil
    }
}
