extension ClassifierSettings {
    /// The classifier job's settings as each front end names them: a classifier experiment file's keys and
    /// `latent train classifier`'s flags. A test holds both front ends to this table.
    public static let names: [SettingName] =
        TrainingSettings.names + [
            SettingName("dataset", "--dataset"),
            SettingName("data_dir", "--data-dir"),
            SettingName("model.arch", "--arch"),
            .fileOnly("name", because: "names the notebook and runs/NAME/; the command line writes into --out"),
            .fileOnly("question", because: "heads the notebook, which only `latent run` writes"),
            .fileOnly("kind", because: "chooses the job, as the command line's subcommand `train classifier` does"),
            .fileOnly("seeds", because: "repeats the job over seeds for a mean and a spread; one command is one run"),
            .commandLineOnly("--out", because: "an experiment's run folder is runs/NAME/, from its name"),
            .commandLineOnly(
                "--resume", because: "continues a run a command left in --out; an experiment starts afresh"),
        ]

    /// `latent train classifier`'s names for the settings.
    public static let commandLineNames = SettingNames.commandLine(names)
}
