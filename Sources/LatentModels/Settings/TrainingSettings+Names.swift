extension TrainingSettings {
    /// The training settings as each front end names them: the `training` keys and `seed` of an experiment file, and
    /// the flags every training command takes. Each job's own table starts with these.
    public static let names: [SettingName] = [
        SettingName("seed", "--seed"),
        SettingName("training.epochs", "--epochs"),
        SettingName("training.batch_size", "--batch-size"),
        SettingName("training.learning_rate", "--learning-rate"),
        SettingName("training.schedule", "--schedule"),
        SettingName("training.warmup_epochs", "--warmup-epochs"),
        SettingName("training.weight_decay", "--weight-decay"),
        SettingName("training.augment", "--augment"),
    ]
}

extension TrainingSettings {
    /// A training job's whole table: the training settings, the dataset and the model's architecture, `own` (the
    /// job's settings of its own), and the rows only one front end has. `subcommand` runs the job (`train ae`).
    public static func names(ofJob subcommand: String, own: [SettingName]) -> [SettingName] {
        names + [
            SettingName("dataset", "--dataset"),
            SettingName("data_dir", "--data-dir"),
            SettingName("model.arch", "--arch"),
        ] + own + [
            .fileOnly("name", because: "names the notebook and runs/NAME/; the command line writes into --out"),
            .fileOnly("question", because: "heads the notebook, which only `latent run` writes"),
            .fileOnly("kind", because: "chooses the job, as the command line's subcommand `\(subcommand)` does"),
            .fileOnly("seeds", because: "repeats the job over seeds for a mean and a spread; one command is one run"),
            .commandLineOnly("--out", because: "an experiment's run folder is runs/NAME/, from its name"),
            .commandLineOnly(
                "--resume", because: "continues a run a command left in --out; an experiment starts afresh"),
            .commandLineOnly(
                "--force", because: "replaces another run's checkpoint in --out; an experiment's folder is its own"),
            .commandLineOnly(
                "--mpi-timeout",
                because: "bounds a wait for the other processes under mpirun; an experiment runs as one"),
        ]
    }
}
