import ArgumentParser
import Foundation
import LatentCore
import LatentData
import LatentExperiments
import LatentModels

/// `latent train ae`: train an autoencoder and write its checkpoint, encoder, metrics and pictures.
///
/// Its flags are the autoencoder job's settings (`AutoencoderSettings`), the same an autoencoder experiment file's
/// keys give; the settings check themselves and the pipeline runs them.
struct TrainAutoencoder: ParsableCommand, DistributedCommand {
    static let configuration = CommandConfiguration(
        commandName: "ae",
        abstract:
            "Train an autoencoder (dense, deep, conv, variational, burda, unet, vqvae, shallow; optionally denoising, "
            + "sparse, WAE-MMD, adversarial, contractive or regularised (RAE)).")

    @Option(help: "Architecture: \(AutoencoderArchitecture.allCases.map(\.rawValue).joined(separator: ", ")).")
    var arch: AutoencoderArchitecture = .dense

    @Option(parsing: .unconditional, help: "Code size.")
    var code = 32

    @Option(help: "Denoising: corrupt inputs with gaussian:STD or mask:FRACTION.")
    var denoise: String?

    @Option(parsing: .unconditional, help: "Sparse: weight of the L1 penalty on the code.")
    var sparsity: Float = 0

    @Option(parsing: .unconditional, help: "VQ-VAE (--arch vqvae): weight of the commitment loss, beta.")
    var commitment: Float = 0.25

    @Option(
        parsing: .unconditional,
        help: "VQ-VAE (--arch vqvae): entries in the codebook (1 to \(AutoencoderArchitecture.largestCodebook)).")
    var codebook = AutoencoderArchitecture.codebookEntries

    @Option(
        parsing: .unconditional,
        help: "WAE-MMD: weight of the MMD between the codes and N(0, I) samples, beside the per-pixel MSE.")
    var mmd: Float = 0

    @Option(
        parsing: .unconditional,
        help: "Contractive (--arch shallow): weight of the encoder Jacobian's squared norm, beside the per-pixel MSE.")
    var contractive: Float = 0

    @Option(
        parsing: .unconditional,
        help:
            "Adversarial autoencoder (dense, deep): lambda, the code discriminator's and encoder's rate over the rest."
    )
    var adversarial: Float = 0

    @Option(help: "Batch normalisation after every hidden layer (dense and deep only): none or batch.")
    var normalisation: AutoencoderSettings.Normalisation = .none

    @Option(parsing: .unconditional, help: "Test images drawn beside their nearest train images, comma-separated.")
    var queries = "0"

    @Option(parsing: .unconditional, help: "Nearest train images each of those pictures shows.")
    var neighbours = 5

    @OptionGroup var variational: VariationalArguments
    @OptionGroup var regularised: RegularisedAutoencoderArguments
    @OptionGroup var data: DatasetOptions
    @OptionGroup var training: TrainingArguments
    @OptionGroup var mpi: MPIOptions

    func validate() throws {
        try OptionChecks.require(code, in: 1...OptionChecks.largestSize, "--code")
        try OptionChecks.requireNonNegative(sparsity, "--sparsity")
        for (value, name) in [(commitment, "--commitment"), (mmd, "--mmd"), (contractive, "--contractive")] {
            try OptionChecks.requireNonNegative(value, name)
        }
        try OptionChecks.requireNonNegative(adversarial, "--adversarial")
        try OptionChecks.require(neighbours, in: 1...OptionChecks.largestSize, "--neighbours")
        let settings = try settings()
        try OptionChecks.refusing { () throws(LatentError) in
            try settings.check(names: AutoencoderSettings.commandLineNames)
        }
    }

    /// The settings these flags ask for.
    func settings() throws -> AutoencoderSettings {
        var settings = AutoencoderSettings()
        (settings.architecture, settings.codeSize, settings.sparsity) = (arch, code, sparsity)
        settings.normalisation = normalisation
        (settings.commitment, settings.mmd, settings.contractive) = (commitment, mmd, contractive)
        settings.adversarial = adversarial
        settings.training = training.settings
        settings.queries = try OptionChecks.integers(
            queries, "--queries", in: 0...OptionChecks.largestCount,
            distinct: true)
        settings.neighbours = neighbours
        settings.variational = variational.settings
        (settings.codePenalty, settings.decoderWeightDecay, settings.codebook) = (
            regularised.codePenalty, regularised.decoderWeightDecay, codebook
        )
        if let denoise {
            do {
                settings.corruption = try Corruption(parsing: denoise)
            } catch {
                throw ValidationError("--denoise: \(error)")
            }
        }
        return settings
    }

    func run() throws {
        let settings = try settings()
        let resumed = try training.resumedCheckpoint(of: .autoencoder, for: "train ae")
        let (train, test) = try data.loadSplits()
        try training.requireShares(of: train)
        try OptionChecks.refusing { () throws(LatentError) in
            try settings.check(
                train: train, test: test, source: data.source,
                names: AutoencoderSettings.commandLineNames)
        }
        var options = training.options(resuming: resumed, trainCount: train.count)
        try training.distribute(&options, in: mpi.job, train: train, test: test)
        var pipeline = AutoencoderPipeline(
            settings, trainCount: train.count,
            training: options)
        pipeline.metadata = settings.metadata.merging(["task": "autoencoder", "dataset": data.dataset.rawValue]) { $1 }
        if let job = options.job, !job.isRoot { return try pipeline.trainAlongside(train: train, test: test) }
        let result = try pipeline.run(train: train, test: test, output: training.out, log: log)
        print(result.table)
        print(
            "test reconstruction MSE \(String(format: "%.5f", result.trained.testMSE)) "
                + "(PCA-\(code): \(String(format: "%.5f", result.pca.testMSE)))")
        if let nll = result.negativeLogLikelihood {
            print("test negative log-likelihood \(String(format: "%.2f", nll)) nats")
        }
        print(
            "wrote "
                + result.files.map { (training.out as NSString).appendingPathComponent($0) }.joined(separator: ", "))
    }
}

extension AutoencoderArchitecture: ExpressibleByArgument {}
extension AutoencoderSettings.Normalisation: ExpressibleByArgument {}
