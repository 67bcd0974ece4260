import LatentModels

extension AutoencoderSettings {
    /// The autoencoder job's settings as each front end names them: an autoencoder experiment file's keys and
    /// `latent train ae`'s flags. A test holds both front ends to this table.
    public static let names = TrainingSettings.names(
        ofJob: "train ae",
        own: [
            SettingName("model.code", "--code"),
            SettingName("model.denoise", "--denoise"),
            SettingName("model.sparsity", "--sparsity"),
            SettingName("model.commitment", "--commitment"), SettingName("model.mmd", "--mmd"),
            SettingName("model.contractive", "--contractive"),
            SettingName("model.adversarial", "--adversarial"),
            SettingName("model.code_penalty", "--code-penalty"),
            SettingName("model.decoder_weight_decay", "--decoder-weight-decay"),
            SettingName("model.codebook", "--codebook"),
            SettingName("model.normalisation", "--normalisation"),
            SettingName("model.likelihood", "--likelihood"),
            SettingName("model.beta", "--beta"),
            SettingName("model.importance_samples", "--importance-samples"),
            SettingName("training.binarise", "--binarise"),
            SettingName("evaluation.nll_samples", "--nll-samples"),
            SettingName("evaluation.nll_images", "--nll-images"),
            SettingName("evaluation.queries", "--queries"),
            SettingName("evaluation.neighbours", "--neighbours"),
        ])

    /// `latent train ae`'s names for the settings.
    public static let commandLineNames = SettingNames.commandLine(names)
}
