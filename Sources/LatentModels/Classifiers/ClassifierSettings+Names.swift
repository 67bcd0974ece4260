extension ClassifierSettings {
    /// The classifier job's settings as each front end names them. No experiment kind trains a lone classifier, so
    /// its own flags have no key yet; the training keys are those every job shares.
    public static let names: [SettingName] =
        TrainingSettings.names + [
            .commandLineOnly("--arch", because: "no experiment kind trains a lone classifier yet"),
            .commandLineOnly("--dataset", because: "no experiment kind trains a lone classifier yet"),
            .commandLineOnly("--data-dir", because: "no experiment kind trains a lone classifier yet"),
            .commandLineOnly("--out", because: "an experiment's run folder is runs/NAME/, from its name"),
            .commandLineOnly(
                "--resume", because: "continues a run a command left in --out; an experiment starts afresh"),
        ]

    /// `latent train classifier`'s names for the settings.
    public static let commandLineNames = SettingNames.commandLine(names)
}
