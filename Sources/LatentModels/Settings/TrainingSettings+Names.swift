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
    ]
}
