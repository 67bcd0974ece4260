import LatentCore
import LatentData
import LatentModels
import LatentNN

extension AutoencoderSettings {
    /// How a variational autoencoder is built, trained and measured: its decoder, its objective, binarised data
    /// and the likelihood estimate after training. Every field is ignored by the other architectures, and refused
    /// there when it is not its default.
    public struct Variational: Equatable, Sendable {
        /// Each training batch's pixels drawn anew from Bernoulli(pixel), or the pixels as they are.
        public enum Binarisation: String, CaseIterable, Sendable {
            case none
            /// Dynamic binarisation; the test split is binarised once, with `testSeed`.
            case dynamic
        }

        /// The variational architecture's decoder (burda's is always Bernoulli).
        public var likelihood = VariationalAutoencoder.Likelihood.gaussian
        /// The KL weight and the codes drawn per image in the objective.
        public var objective = VariationalObjective()
        /// Whether each training batch is binarised anew (and the test split once).
        public var binarisation = Binarisation.none
        /// Codes drawn per test image for the negative log-likelihood estimate after training (0: none).
        public var likelihoodSamples = 0
        /// The test images the estimate reads, from the first (`nil`: all).
        public var likelihoodImages: Int?

        /// The seed of the test split's one binarisation, the same in every run so that every model is measured on
        /// the same binary images.
        public static let testSeed: UInt64 = 0xB1_4A21

        /// The defaults: a Gaussian decoder, the ELBO with beta 1, no binarisation and no likelihood estimate.
        public init() {}

        /// Whether `architecture` has a Bernoulli decoder with these settings.
        ///
        /// - Parameter architecture: the autoencoder asked for.
        public func isBernoulli(_ architecture: AutoencoderArchitecture) -> Bool {
            architecture == .burda || (architecture == .variational && likelihood == .bernoulli)
        }

        /// What a checkpoint records of these settings: each only when not at its default, so that checkpoints
        /// written before them still resume (the likelihood is also in the architecture the checkpoint holds).
        public var metadata: [String: String] {
            var recorded: [String: String] = [:]
            if objective.beta != 1 { recorded["beta"] = String(objective.beta) }
            if objective.importanceSamples != 1 { recorded["importance_samples"] = String(objective.importanceSamples) }
            if binarisation != .none { recorded["binarise"] = binarisation.rawValue }
            return recorded
        }
    }

    /// Refuses variational settings that do not go together, naming them as `names` does.
    func checkVariational(names: SettingNames) throws(LatentError) {
        let isVariational = [.variational, .burda].contains(architecture)
        let objective = variational.objective
        let asked: [(key: String, value: String, isSet: Bool)] = [
            ("model.likelihood", variational.likelihood.rawValue, variational.likelihood != .gaussian),
            ("model.beta", String(objective.beta), objective.beta != 1),
            ("model.importance_samples", String(objective.importanceSamples), objective.importanceSamples != 1),
            ("evaluation.nll_samples", String(variational.likelihoodSamples), variational.likelihoodSamples != 0),
        ]
        if !isVariational, let first = asked.first(where: \.isSet) {
            throw LatentError(
                "\(names.quoting(first.key, first.value)) is for the variational and burda autoencoders, "
                    + "not \(architecture.rawValue)")
        }
        if architecture == .burda, variational.likelihood != .gaussian {
            throw LatentError(
                "\(names.quoting("model.likelihood", variational.likelihood.rawValue)): burda's decoder is always "
                    + "Bernoulli; the likelihood is chosen for the variational autoencoder only")
        }
        let bernoulli = variational.isBernoulli(architecture)
        for (key, value, isSet) in asked[2...] where isSet && !bernoulli {
            throw LatentError(
                "\(names.quoting(key, value)) needs a Bernoulli decoder, whose likelihood is normalised: use "
                    + "\(names.quoting("model.arch", "burda")) or \(names.quoting("model.likelihood", "bernoulli"))")
        }
        if objective.importanceSamples > 1, objective.beta != 1 {
            throw LatentError(
                "\(names.quoting("model.beta", objective.beta)) weighs the KL term of the one-sample bound; the "
                    + "importance-weighted bound (\(names.quoting("model.importance_samples", objective.importanceSamples))) "
                    + "has none, so beta must be 1")
        }
        if variational.binarisation == .dynamic, training.augmentation != nil {
            throw LatentError(
                "\(names.quoting("training.binarise", "dynamic")) draws binary pixels from the clean images; it does "
                    + "not go with \(names("training.augment"))")
        }
        if variational.likelihoodImages != nil, variational.likelihoodSamples == 0 {
            throw LatentError(
                "\(names("evaluation.nll_images")) limits the likelihood estimate, which "
                    + "\(names.quoting("evaluation.nll_samples", 0)) turns off")
        }
    }
}

extension AutoencoderSettings.Variational {
    /// The experiment file's keys for these settings.
    static let keys = [
        "model.likelihood", "model.beta", "model.importance_samples", "training.binarise", "evaluation.nll_samples",
        "evaluation.nll_images",
    ]

    /// The settings an autoencoder experiment file asks for, each key left out at its default; the schema has
    /// already checked every value.
    init(_ experiment: Experiment) {
        self.init()
        let model = experiment.model
        likelihood = model?.likelihood.flatMap(VariationalAutoencoder.Likelihood.init(rawValue:)) ?? likelihood
        objective.beta = model?.beta ?? objective.beta
        objective.importanceSamples = model?.importanceSamples ?? objective.importanceSamples
        binarisation = experiment.training?.binarise.flatMap(Binarisation.init(rawValue:)) ?? binarisation
        likelihoodSamples = experiment.evaluation?.nllSamples ?? likelihoodSamples
        likelihoodImages = experiment.evaluation?.nllImages
    }
}
