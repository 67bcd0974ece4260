extension ClassifierSettings {
    /// The classifier job's settings as each front end names them: a classifier experiment file's keys and
    /// `latent train classifier`'s flags. A test holds both front ends to this table.
    public static let names = TrainingSettings.names(ofJob: "train classifier", own: [])

    /// `latent train classifier`'s names for the settings.
    public static let commandLineNames = SettingNames.commandLine(names)
}
