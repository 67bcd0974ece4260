import Foundation
import LatentData
import LatentModels

/// What every experiment kind gets: the experiment, its data, where to write, and a log.
struct ExperimentContext {
    let experiment: Experiment
    let train: ImageDataset
    let test: ImageDataset
    /// The folder for checkpoints and pictures.
    let output: String
    let log: (String) -> Void

    var training: Experiment.Training { experiment.training ?? Experiment.Training() }

    func options(epochs: Int? = nil, batchSize: Int? = nil, seed: UInt64? = nil) -> TrainingOptions {
        TrainingOptions(
            epochs: epochs ?? training.epochs, batchSize: batchSize ?? training.batchSize,
            seed: seed ?? experiment.seed,
            showsProgress: true)
    }

    func path(_ file: String) -> String { (output as NSString).appendingPathComponent(file) }
}

/// Formats a figure for prose.
func figure(_ value: Double, _ digits: Int = 4) -> String { String(format: "%.\(digits)f", value) }

/// A signed percentage change from `reference` to `value`.
func change(_ value: Double, from reference: Double) -> String {
    String(format: "%+.1f%%", 100 * (value - reference) / reference)
}

/// How an autoencoder's precision@10 (over one seed or several) compares with PCA's, in words; a gap under 0.1 points,
/// or within the seeds' standard deviation, counts as a tie.
func retrievalSentence(_ precision: Spread, against pcaPrecision: Double) -> String {
    let gap = 100 * (precision.mean - pcaPrecision)
    let figures =
        "precision@10 \(precision.text(3)) against PCA's \(figure(pcaPrecision, 3)) (\(String(format: "%+.1f", gap)) points)"
    if abs(gap) < 0.1 { return "Its codes retrieve about as well as PCA's: \(figures)." }
    if precision.isWithinSpread(of: Spread(values: [pcaPrecision])) {
        return "Its codes retrieve about as well as PCA's: \(figures), a gap within the spread over seeds."
    }
    return gap > 0
        ? "Its codes retrieve better: \(figures)."
        : "Its codes retrieve worse than PCA's: \(figures); a lower reconstruction error does not by itself make better features for retrieval."
}
