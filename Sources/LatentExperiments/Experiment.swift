import LatentData
import LatentModels
import LatentNN

/// An experiment as a researcher writes it by hand: a YAML file under `experiments/`.
public struct Experiment: Decodable, Sendable {
    public enum Kind: String, CaseIterable, Decodable, Sendable {
        /// Train one autoencoder; reconstructions, weights, neighbours and figures beside PCA at the same code size.
        case autoencoder
        /// PCA against autoencoders at several code sizes.
        case comparison
        /// Protocol P6, optionally swept over the number of labels per new class.
        case transfer
        /// Nearest images per category with deep features from a CNN.
        case perCategory = "per-category"
        /// Search by image file: the dataset exported as PNG files, imported, indexed by PCA, autoencoder and CNN
        /// codes, and queried with held-out files as `latent search` does.
        case visualSearch = "visual-search"
        /// Train one classifier (logistic, mlp, cnn, resnet) and measure its test accuracy.
        case classifier
        /// Find the photo each edited copy was made from: a folder of photographs indexed by each listed method,
        /// searched with edited and mirrored copies of them; reads `photos` and `methods` instead of a dataset.
        case nearDuplicate = "near-duplicate"
        /// Train one variational autoencoder per row of `rows` (each its own importance samples and epochs) and
        /// compare their test negative log-likelihoods with published figures, in one table.
        case likelihood
        /// Train one autoencoder per row of `rows` (each row a few autoencoder keys over the file's shared ones) on
        /// each dataset of `datasets`, and compare likelihood, reconstruction, codes and training time, a table each.
        case zoo
    }

    public struct Model: Decodable, Sendable {
        /// An autoencoder architecture (dense, deep, conv, ...), or for kind classifier a classifier's (logistic, mlp,
        /// cnn, resnet).
        public var arch: String?
        public var code: Int?
        /// Autoencoders to compare with PCA, and the code sizes.
        public var archs: [String]?
        public var codes: [Int]?
        /// `gaussian:STD` or `mask:FRACTION` for a denoising autoencoder.
        public var denoise: String?
        public var sparsity: Float?
        /// The VQ-VAE's commitment weight, the WAE's MMD weight, the contractive penalty's weight.
        public var commitment, mmd, contractive: Float?
        /// The adversarial autoencoder's lambda: its regularisation phase's learning rate over the reconstruction's.
        public var adversarial: Float?
        /// The RAE's code penalty and decoder weight decay; the VQ-VAE's codebook entries.
        public var codePenalty, decoderWeightDecay: Float?
        public var codebook: Int?
        /// `batch`: batch normalisation after every hidden layer of a dense or deep autoencoder.
        public var normalisation: String?
        /// A variational autoencoder's decoder (`gaussian` or `bernoulli`), KL weight and codes per image.
        public var likelihood: String?
        public var beta: Float?
        public var importanceSamples: Int?
        enum CodingKeys: String, CodingKey {
            case arch, code, archs, codes, denoise, sparsity, commitment, mmd, contractive, normalisation, likelihood,
                beta
            case importanceSamples = "importance_samples"
            case adversarial
            case codePenalty = "code_penalty"
            case decoderWeightDecay = "decoder_weight_decay"
            case codebook
        }
    }

    public struct Training: Decodable, Sendable {
        public var epochs: Int = 10
        public var batchSize: Int = 128
        /// Adam's learning rate, the peak of a schedule.
        public var learningRate: Float = 1e-3
        /// `constant` or `cosine` (annealed to zero by the last update).
        public var schedule: String = "constant"
        /// Epochs of linear warm-up from zero to the learning rate, before the schedule.
        public var warmupEpochs: Int = 0
        /// Decoupled weight decay (AdamW); 0 is plain Adam.
        public var weightDecay: Float = 0
        /// Random edits of the training images, e.g. `crop:0.5,flip,jitter:0.4` (see `Augmentation`).
        public var augment: String?
        /// `dynamic`: each batch's pixels drawn anew from Bernoulli(pixel).
        public var binarise: String?
        enum CodingKeys: String, CodingKey {
            case epochs
            case batchSize = "batch_size"
            case learningRate = "learning_rate"
            case schedule
            case warmupEpochs = "warmup_epochs"
            case weightDecay = "weight_decay"
            case augment, binarise
        }
        public init() {}
        public init(from decoder: Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            epochs = try container.decodeIfPresent(Int.self, forKey: .epochs) ?? 10
            batchSize = try container.decodeIfPresent(Int.self, forKey: .batchSize) ?? 128
            learningRate = try container.decodeIfPresent(Float.self, forKey: .learningRate) ?? 1e-3
            schedule = try container.decodeIfPresent(String.self, forKey: .schedule) ?? "constant"
            warmupEpochs = try container.decodeIfPresent(Int.self, forKey: .warmupEpochs) ?? 0
            weightDecay = try container.decodeIfPresent(Float.self, forKey: .weightDecay) ?? 0
            augment = try container.decodeIfPresent(String.self, forKey: .augment)
            binarise = try container.decodeIfPresent(String.self, forKey: .binarise)
        }

        /// These keys as the settings every training job shares, with the run's `seed`; the schema has already
        /// checked the schedule's name and the augmentation's spec.
        public func settings(seed: UInt64) -> TrainingSettings {
            TrainingSettings(
                epochs: epochs, batchSize: batchSize, seed: seed, learningRate: learningRate,
                schedule: TrainingSettings.Schedule(rawValue: schedule) ?? .constant,
                warmupEpochs: warmupEpochs, weightDecay: weightDecay,
                augmentation: augment.flatMap { try? Augmentation(parsing: $0) })
        }

        /// The learning rate per update for `stepsPerEpoch` updates an epoch; `nil` when it stays constant.
        public func learningRateSchedule(stepsPerEpoch: Int) -> LearningRateSchedule? {
            settings(seed: 0).learningRateSchedule(stepsPerEpoch: stepsPerEpoch)
        }
    }

    public struct Evaluation: Decodable, Sendable {
        /// Test images whose neighbours are shown.
        public var queries: [Int]?
        public var neighbours: Int?
        /// Labels per new class to sweep (transfer).
        public var labelsPerClass: [Int]?
        /// Visual search: train images of each class written as database files, and test images of each class
        /// written as query files.
        public var databasePerClass: Int?
        public var queriesPerClass: Int?
        /// Near-duplicate search: copies whose search is pictured, those the most methods do not find first.
        public var hardCases: Int?
        /// Codes drawn per test image for a variational model's likelihood estimate, and the test images it reads.
        public var nllSamples: Int?
        public var nllImages: Int?
        enum CodingKeys: String, CodingKey {
            case queries, neighbours
            case labelsPerClass = "labels_per_class"
            case databasePerClass = "database_per_class"
            case
                queriesPerClass = "queries_per_class"
            case hardCases = "hard_cases"
            case nllSamples = "nll_samples"
            case nllImages = "nll_images"
        }
    }

    public var name: String
    public var question: String
    public var kind: Kind
    /// Every kind but near-duplicate and zoo reads a dataset; the schema requires it for them.
    public var dataset: KnownDataset?
    /// Kind zoo: the datasets every row is trained and measured on, one table each.
    public var datasets: [KnownDataset]?
    /// Where the dataset's files are; relative paths start at the experiment file's folder.
    public var dataDir: String?
    /// The seed of the first run: its pictures and checkpoints are the ones kept.
    public var seed: UInt64 { seeds[0] }
    /// Every run's seed (`seed: N` or `seeds: [N, ...]`); figures over several are a mean and a standard deviation.
    public var seeds: [UInt64]
    public var model: Model?
    public var training: Training?
    public var evaluation: Evaluation?
    /// Visual search: the self-supervised row's training; no row without it.
    public var selfSupervised: SelfSupervised?
    /// Near-duplicate search: the photo folders, and the ways of searching them.
    public var photos: PhotoFolders?
    public var methods: [SearchMethod]?
    /// Kind likelihood: the models to train, one row of the table each.
    public var rows: [LikelihoodRow]?
    /// Kind zoo: the models to train, one line of each dataset's table; `load(from:)` fills them from `rows`.
    public internal(set) var zooRows: [ZooRow] = []

    enum CodingKeys: String, CodingKey {
        case name, question, kind, dataset, datasets
        case dataDir = "data_dir"
        case seed, seeds, model, training, evaluation, photos, methods, rows
        case selfSupervised = "self_supervised"
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        question = try container.decode(String.self, forKey: .question)
        kind = try container.decode(Kind.self, forKey: .kind)
        dataset = try container.decodeIfPresent(KnownDataset.self, forKey: .dataset)
        datasets = try container.decodeIfPresent([KnownDataset].self, forKey: .datasets)
        dataDir = try container.decodeIfPresent(String.self, forKey: .dataDir)
        seeds =
            try container.decodeIfPresent([UInt64].self, forKey: .seeds) ?? [
                container.decode(UInt64.self, forKey: .seed)
            ]
        model = try container.decodeIfPresent(Model.self, forKey: .model)
        training = try container.decodeIfPresent(Training.self, forKey: .training)
        evaluation = try container.decodeIfPresent(Evaluation.self, forKey: .evaluation)
        selfSupervised = try container.decodeIfPresent(SelfSupervised.self, forKey: .selfSupervised)
        photos = try container.decodeIfPresent(PhotoFolders.self, forKey: .photos)
        methods = try container.decodeIfPresent([SearchMethod].self, forKey: .methods)
        // A zoo's rows hold autoencoder keys, which `load(from:)` reads from the file itself.
        rows = kind == .zoo ? nil : try container.decodeIfPresent([LikelihoodRow].self, forKey: .rows)
    }
}

extension KnownDataset: Decodable {}
