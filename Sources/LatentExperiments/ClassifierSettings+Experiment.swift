import LatentCore
import LatentModels

extension ClassifierSettings {
    /// The settings a classifier experiment file asks for, each key left out at its default; `seed` is the file's
    /// first. The schema has already checked every value, so only a name it does not know can fail.
    init(_ experiment: Experiment) throws(LatentError) {
        self.init()
        let archName = experiment.model?.arch ?? architecture.rawValue
        guard let architecture = ClassifierArchitecture(rawValue: archName) else {
            throw LatentError(
                "model.arch: unknown classifier \(archName) (known: "
                    + "\(ClassifierArchitecture.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        self.architecture = architecture
        training = (experiment.training ?? Experiment.Training()).settings(seed: experiment.seed)
    }
}
