import Foundation
import LatentCore
import LatentData
import LatentLinalg
import LatentModels
import LatentNN

/// "Train an autoencoder, fit PCA at the same code size, measure both, draw the pictures", in one place: `latent demo`,
/// `latent train ae` and autoencoder experiments all run it.
///
/// It writes into its output folder: `model.h5` (after every epoch), `metrics.jsonl`, `encoder.h5` and the pictures.
public struct AutoencoderPipeline {
    public var architecture: AutoencoderArchitecture
    public var codeSize: Int
    /// Epochs, batch size, seed and progress; the pipeline puts the checkpoint and the metrics log in its output folder.
    public var training: TrainingOptions
    public var learningRate: Float = 1e-3
    /// Decoupled weight decay (AdamW); 0 is plain Adam.
    public var weightDecay: Float = 0
    /// Batch normalisation after every hidden layer (dense and deep only).
    public var batchNorm = false
    /// Denoising: the noise put on training inputs (`nil`: none).
    public var corruption: Corruption?
    /// Random edits of the training inputs before any noise (`nil`: none): the autoencoder rebuilds the clean image.
    public var augmentation: Augmentation?
    /// Sparse: the weight of the L1 penalty on the code (0: none).
    public var sparsityWeight: Float = 0
    /// The VQ-VAE's commitment weight, the WAE's MMD weight and the contractive penalty's weight.
    public var commitmentWeight: Float = 0.25, mmdWeight: Float = 0, contractiveWeight: Float = 0
    /// The adversarial autoencoder's lambda, its regularisation phase's learning rate over the reconstruction's (0: no
    /// discriminator).
    public var adversarialWeight: Float = 0
    /// The regularised autoencoder's (RAE) code penalty and decoder weight decay.
    public var codePenalty: Float = 0, decoderWeightDecay: Float = 0
    /// Entries in a VQ-VAE's codebook.
    public var codebookEntries = AutoencoderArchitecture.codebookEntries
    /// Recorded in both checkpoints, beside the architecture and the code size.
    public var metadata: [String: String] = [:]
    /// The test images drawn beside their nearest train images, one picture each.
    public var queries = [NeighbourQuery(index: 0)]
    /// How many nearest train images each of those pictures shows.
    public var neighbours = 5
    /// A variational autoencoder's decoder, objective, binarisation and likelihood estimate.
    public var variational = AutoencoderSettings.Variational()

    public init(architecture: AutoencoderArchitecture, codeSize: Int, training: TrainingOptions) {
        self.architecture = architecture
        self.codeSize = codeSize
        self.training = training
    }

    /// The pipeline of an autoencoder job's `settings` on `trainCount` train images (the learning-rate schedule counts
    /// their batches); `training` gets the settings' epochs, batches, seed and schedule.
    public init(
        _ settings: AutoencoderSettings, trainCount: Int,
        training: TrainingOptions = TrainingOptions(epochs: 1)
    ) {
        let options = settings.training.applied(to: training, trainCount: trainCount)
        self.init(architecture: settings.architecture, codeSize: settings.codeSize, training: options)
        learningRate = settings.training.learningRate
        weightDecay = settings.training.weightDecay
        batchNorm = settings.normalisation == .batch
        corruption = settings.corruption
        augmentation = settings.training.augmentation
        sparsityWeight = settings.sparsity
        (commitmentWeight, mmdWeight, contractiveWeight) = (settings.commitment, settings.mmd, settings.contractive)
        adversarialWeight = settings.adversarial
        (codePenalty, decoderWeightDecay, codebookEntries) = (
            settings.codePenalty, settings.decoderWeightDecay, settings.codebook
        )
        queries = settings.queries.map { NeighbourQuery(index: $0) }
        neighbours = settings.neighbours
        variational = settings.variational
    }

    /// Runs the pipeline on `train` (which trains both models) and `test` (which measures them), writing into `output`.
    ///
    /// The image size is checked and PCA is fitted before anything is trained or written, so that a code size or an
    /// image size that cannot work costs no training. PCA is fitted once and serves the figures and the pictures.
    public func run(
        train: ImageDataset, test: ImageDataset, output: String,
        log: (String) -> Void
    ) throws -> Result {
        let test = measuredSplit(test)
        try checkImageSize(architecture, of: train)
        log("fitting PCA-\(codeSize)")
        let start = Date()
        let pca = try PCA.fit(train.images, components: codeSize)
        let pcaRow = try CodeComparison.pca(pca, fitSeconds: Date().timeIntervalSince(start), train: train, test: test)

        let hold = try FolderLock(creating: output)
        defer { withExtendedLifetime(hold) {} }
        var (autoencoder, reports) = try trainAutoencoder(train, validation: test, output: output, log: log)
        // Both splits are encoded once, for the figures and the pictures alike.
        let codes = CodeComparison.Codes(autoencoder, train: train, test: test)
        try fitCodeDensity(&autoencoder, trainCodes: codes.train, output: output, log: log)
        let row = try measure(autoencoder, codes: codes, reports: reports, train: train, test: test)
        log("writing pictures")
        let pictures = try drawPictures(
            autoencoder, codes: codes, pca: pca, reports: reports, train: train, test: test,
            output: output)
        var result = Result(autoencoder: autoencoder, reports: reports, pca: pcaRow, trained: row, pictures: pictures)
        result.negativeLogLikelihood = try estimateLikelihood(autoencoder, test: test, log: log)
        return result
    }

    /// The part of `run` that a process other than rank 0 of a data-parallel job (`training.job`) plays: it trains
    /// beside rank 0, which measures, draws and writes everything.
    public func trainAlongside(train: ImageDataset, test: ImageDataset) throws {
        try checkImageSize(architecture, of: train)
        _ = try fitAutoencoder(train, validation: measuredSplit(test), output: "", log: { _ in })
    }

    /// Builds the autoencoder from the seed and trains it. With an `output` folder it keeps the checkpoint, the metrics
    /// log and the encoder there; without one it writes nothing, as the benchmarks need (an epoch's time is then
    /// training alone).
    public func trainAutoencoder(
        _ train: ImageDataset, validation: ImageDataset?, output: String?,
        log: (String) -> Void
    ) throws -> (Autoencoder, [EpochReport]) {
        let (autoencoder, reports, metadata) = try fitAutoencoder(
            train, validation: validation, output: output, log: log)
        if let output, let encoder = autoencoder.encoder {
            try Checkpoint(model: encoder, epoch: reports.last?.epoch ?? 0, seed: training.seed, metadata: metadata)
                .save(to: path("encoder.h5", in: output))
        }
        return (autoencoder, reports)
    }

    /// Builds the autoencoder from the seed and trains it, its checkpoint and metrics in `output` when given; returns
    /// it with its reports and the metadata its checkpoints record.
    private func fitAutoencoder(
        _ train: ImageDataset, validation: ImageDataset?, output: String?,
        log: (String) -> Void
    ) throws -> (Autoencoder, [EpochReport], [String: String]) {
        var generator = SeededGenerator(seed: training.seed)
        let spec = try withDiscriminator(
            architecture.spec(
                codeSize: codeSize, channels: train.channels, height: train.height, width: train.width,
                batchNorm: batchNorm, likelihood: variational.likelihood, codebookEntries: codebookEntries))
        var autoencoder = try Autoencoder(try spec.build(using: &generator))
        autoencoder.variationalObjective = variational.objective
        autoencoder.binarisesBatches = variational.binarisation == .dynamic
        autoencoder.corruption = corruption
        autoencoder.augmentation = augmentation
        autoencoder.sparsityWeight = sparsityWeight
        try regularise(&autoencoder)
        autoencoder.adversarialWeight = adversarialWeight
        log(try autoencoder.model.summary(inputShape: [train.pixelsPerImage]))
        log("training a \(architecture.rawValue) autoencoder (code \(codeSize)) for \(training.epochs) epochs")
        var options = training
        options.checkpointPath = output.map { path("model.h5", in: $0) }
        options.metricsLog = output.map { path("metrics.jsonl", in: $0) }
        let metadata = self.metadata.merging([
            "architecture": architecture.rawValue, "code_size": String(codeSize),
            "input_shape": train.shapeDescription,
        ]) { $1 }
        let reports = try autoencoder.fit(
            train, validation: validation, options: options,
            optimizer: Adam(
                learningRate: learningRate, weightDecay: weightDecay,
                decoupledWeightDecay: weightDecay > 0),
            metadata: metadata)
        if let usage = autoencoder.codebookUsage(of: train.images) { log("\(usage) on the train images") }
        return (autoencoder, reports, metadata)
    }

    /// The trained autoencoder's row of the comparison: reconstruction and retrieval on the test split.
    public func measure(
        _ autoencoder: Autoencoder, codes: CodeComparison.Codes? = nil, reports: [EpochReport],
        train: ImageDataset, test: ImageDataset
    ) throws -> CodeComparison {
        try CodeComparison.autoencoder(
            autoencoder, name: "\(architecture.rawValue) autoencoder", codes: codes,
            trainingSeconds: reports.map(\.seconds).reduce(0, +), train: train, test: test)
    }
}

/// `file` inside `folder`.
func path(_ file: String, in folder: String) -> String { (folder as NSString).appendingPathComponent(file) }
