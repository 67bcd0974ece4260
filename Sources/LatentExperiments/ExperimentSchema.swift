import LatentData
import LatentImages
import LatentModels
import LatentNN

/// Every key an experiment file may hold, and which keys each kind of experiment reads.
enum ExperimentSchema {
    /// Every key, `model.arch` naming an autoencoder (`fields(for:)` gives kind classifier's).
    static let fields: [(key: String, value: ExperimentValue)] = [
        ("name", .plainName),
        ("question", .text),
        ("kind", .choice(Experiment.Kind.allCases.map(\.rawValue))),
        ("dataset", .choice(KnownDataset.allCases.map(\.rawValue))),
        // Kind zoo: every row on each, a table each.
        ("datasets", .choices(KnownDataset.allCases.map(\.rawValue))),
        ("data_dir", .text),
        ("seed", .seed),
        // Several seeds instead of one: the figures become a mean and a standard deviation over them.
        ("seeds", .wholeNumbers(0...Int.max, maximumCount: 10)),
        (
            "model",
            .section([
                ("arch", .choice(architectures)),
                ("code", .wholeNumber(1...Int.max)),
                ("archs", .choices(architectures)),
                ("codes", .wholeNumbers(1...Int.max, maximumCount: 16)),
                ("denoise", .corruption),
                ("sparsity", .number(allowsZero: true)),
                ("commitment", .number(allowsZero: true)), ("mmd", .number(allowsZero: true)),
                ("contractive", .number(allowsZero: true)),
                ("adversarial", .number(allowsZero: true)),
                ("code_penalty", .number(allowsZero: true)), ("decoder_weight_decay", .number(allowsZero: true)),
                ("codebook", .wholeNumber(1...AutoencoderArchitecture.largestCodebook)),
                ("normalisation", .choice(AutoencoderSettings.Normalisation.allCases.map(\.rawValue))),
                ("likelihood", .choice(VariationalAutoencoder.Likelihood.allCases.map(\.rawValue))),
                ("beta", .number(allowsZero: true)),
                ("importance_samples", .wholeNumber(1...10_000)),
            ])
        ),
        (
            "training",
            .section([
                ("epochs", .wholeNumber(1...10_000)),
                ("batch_size", .wholeNumber(1...1_000_000)),
                ("learning_rate", .number(allowsZero: false)),
                ("schedule", .choice(TrainingSettings.Schedule.allCases.map(\.rawValue))),
                ("warmup_epochs", .wholeNumber(0...10_000)),
                ("weight_decay", .number(allowsZero: true)),
                ("augment", .augmentation),
                ("binarise", .choice(AutoencoderSettings.Variational.Binarisation.allCases.map(\.rawValue))),
            ])
        ),
        (
            "evaluation",
            .section([
                // Each query draws a picture.
                ("queries", .wholeNumbers(0...Int.max, maximumCount: 100)),
                ("neighbours", .wholeNumber(1...1_000)),
                ("labels_per_class", .wholeNumbers(1...Int.max, maximumCount: 16)),
                ("database_per_class", .wholeNumber(1...Int.max)),
                ("queries_per_class", .wholeNumber(1...Int.max)),
                ("hard_cases", .wholeNumber(0...100)),
                ("nll_samples", .wholeNumber(0...1_000_000)),
                ("nll_images", .wholeNumber(1...Int.max)),
            ])
        ),
        (
            "self_supervised",
            .section([
                ("method", .choice(SelfSupervisedMethod.allCases.map(\.rawValue))),
                ("epochs", .wholeNumber(1...10_000)),
                // NT-Xent needs another image in the batch, VICReg a spread over it.
                ("batch_size", .wholeNumber(2...1_000_000)),
                ("learning_rate", .number(allowsZero: false)),
                ("schedule", .choice(TrainingSettings.Schedule.allCases.map(\.rawValue))),
                ("temperature", .number(allowsZero: false)),
                ("augment", .augmentation),
            ])
        ),
        (
            "photos",
            .section([
                ("originals", .text),
                ("copies", .text),
                ("size", .wholeNumber(Preprocessing.sizes.lowerBound...Preprocessing.sizes.upperBound)),
                ("colour", .choice(Preprocessing.Colour.allCases.map(\.rawValue))),
            ])
        ),
        ("methods", .searchMethods),
        ("rows", .rows(LikelihoodStudy.rowFields, required: ["name"], maximumCount: 16)),
    ]

    /// The keys an experiment of `kind` may hold: `model.arch` names a classifier for kind classifier, an autoencoder
    /// for every other kind (and for a kind not known, which is refused by name anyway); a zoo's rows hold
    /// autoencoder keys.
    static func fields(for kind: Experiment.Kind?) -> [(key: String, value: ExperimentValue)] {
        switch kind {
        case .classifier:
            return fields.map { field in
                guard field.key == "model", case .section(let keys) = field.value else { return field }
                return (field.key, .section(keys.map { $0.key == "arch" ? ($0.key, .choice(classifiers)) : $0 }))
            }
        case .zoo:
            return fields.map { field in
                field.key == "rows"
                    ? (field.key, .rows(ZooStudy.rowFields, required: ["name"], maximumCount: 16)) : field
            }
        default: return fields
        }
    }

    /// `seed` is also met by `seeds`.
    static let required = ["name", "question", "kind", "dataset", "seed"]

    /// The keys `kind` must have beside the ones every experiment needs: a near-duplicate search reads photo
    /// folders instead of a dataset.
    static func required(by kind: Experiment.Kind?) -> [String] {
        switch kind {
        case .nearDuplicate:
            return required.filter { $0 != "dataset" } + ["photos.originals", "photos.copies", "methods"]
        case .likelihood: return required + ["rows", "evaluation.nll_samples"]
        case .zoo: return required.map { $0 == "dataset" ? "datasets" : $0 } + ["rows"]
        default: return required
        }
    }

    /// The sections and keys at the top of the file that only some kinds read.
    static let kindSpecificKeys = [
        "dataset", "datasets", "data_dir", "model", "training", "evaluation", "self_supervised", "photos", "methods",
        "rows",
    ]

    /// Of `kindSpecificKeys`, the ones `kind` reads.
    static func topKeysRead(by kind: Experiment.Kind) -> [String] {
        switch kind {
        case .nearDuplicate: return ["photos", "methods", "evaluation"]
        case .visualSearch: return ["dataset", "data_dir", "model", "training", "evaluation", "self_supervised"]
        case .likelihood: return ["dataset", "data_dir", "model", "training", "evaluation", "rows"]
        case .zoo: return ["datasets", "data_dir", "model", "training", "evaluation", "rows"]
        default: return ["dataset", "data_dir", "model", "training", "evaluation"]
        }
    }

    /// The kinds that repeat their runs over `seeds` and report a mean and a standard deviation.
    static let kindsWithSeeds: [Experiment.Kind] = [
        .autoencoder, .comparison, .transfer, .visualSearch, .classifier, .likelihood, .zoo,
    ]

    /// The keys under `model`, `training` and `evaluation` that `kind` reads; any other would be ignored, so it is refused.
    static func keysRead(by kind: Experiment.Kind) -> [String] {
        let training = ["training.epochs", "training.batch_size", "training.learning_rate"]
        switch kind {
        case .autoencoder:
            return ["model.arch", "model.code", "model.denoise", "model.sparsity", "model.normalisation"] + training
                + ["model.commitment", "model.mmd", "model.contractive"]
                + ["model.adversarial"]
                + ["model.code_penalty", "model.decoder_weight_decay", "model.codebook"]
                + [
                    "training.schedule", "training.warmup_epochs", "training.weight_decay", "training.augment",
                    "evaluation.queries", "evaluation.neighbours",
                ] + AutoencoderSettings.Variational.keys
        case .classifier:
            return ["model.arch"] + training + [
                "training.schedule", "training.warmup_epochs", "training.weight_decay", "training.augment",
            ]
        case .comparison: return ["model.archs", "model.codes"] + training
        case .likelihood:
            return ["model.arch", "model.code", "model.likelihood"] + training
                + [
                    "training.schedule", "training.warmup_epochs", "training.binarise", "evaluation.nll_samples",
                    "evaluation.nll_images",
                ]
        case .zoo:
            // The shared keys: the code size, the training and the likelihood estimate, and any key a row may set.
            return ["model.code"] + training
                + [
                    "training.schedule", "training.warmup_epochs", "training.weight_decay", "evaluation.nll_samples",
                    "evaluation.nll_images",
                ] + ZooStudy.rowKeys.map { "\($0.section).\($0.key)" }
        case .transfer: return ["training.epochs", "evaluation.labels_per_class"]
        case .perCategory: return training + ["evaluation.queries", "evaluation.neighbours"]
        case .visualSearch:
            return ["model.arch", "model.code"] + training
                + [
                    "evaluation.queries", "evaluation.neighbours", "evaluation.database_per_class",
                    "evaluation.queries_per_class", "self_supervised.method", "self_supervised.epochs",
                    "self_supervised.batch_size", "self_supervised.learning_rate", "self_supervised.schedule",
                    "self_supervised.temperature", "self_supervised.augment",
                ]
        case .nearDuplicate:
            return [
                "photos.originals", "photos.copies", "photos.size", "photos.colour", "evaluation.neighbours",
                "evaluation.hard_cases",
            ]
        }
    }

    private static let architectures = AutoencoderArchitecture.allCases.map(\.rawValue)
    private static let classifiers = ClassifierArchitecture.allCases.map(\.rawValue)
}
