import LatentCore
import LatentData
import LatentModels

extension AutoencoderSettings {
    /// The settings an autoencoder experiment file asks for, each key left out at its default; `seed` is the file's
    /// first. The schema has already checked every value, so only a name it does not know can fail.
    init(_ experiment: Experiment) throws(LatentError) {
        self.init()
        let model = experiment.model ?? Experiment.Model()
        let archName = model.arch ?? architecture.rawValue
        guard let architecture = AutoencoderArchitecture(rawValue: archName) else {
            throw LatentError(
                "model.arch: unknown autoencoder \(archName) (known: "
                    + "\(AutoencoderArchitecture.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        self.architecture = architecture
        codeSize = model.code ?? codeSize
        do {
            corruption = try model.denoise.map { try Corruption(parsing: $0) }
        } catch {
            throw LatentError("model.denoise: \(error)")
        }
        sparsity = model.sparsity ?? sparsity
        (commitment, mmd, contractive) = (
            model.commitment ?? commitment, model.mmd ?? mmd, model.contractive ?? contractive
        )
        adversarial = model.adversarial ?? adversarial
        (codePenalty, decoderWeightDecay) = (
            model.codePenalty ?? codePenalty, model.decoderWeightDecay ?? decoderWeightDecay
        )
        codebook = model.codebook ?? codebook
        normalisation = model.normalisation.flatMap(Normalisation.init(rawValue:)) ?? normalisation
        training = (experiment.training ?? Experiment.Training()).settings(seed: experiment.seed)
        queries = experiment.evaluation?.queries ?? queries
        neighbours = experiment.evaluation?.neighbours ?? neighbours
        variational = Variational(experiment)
    }
}
