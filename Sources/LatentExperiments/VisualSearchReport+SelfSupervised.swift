import Foundation
import LatentModels

extension VisualSearchReport {
    /// The self-supervised row's method and settings, as the notebook states them; `nil` without the row.
    func selfSupervisedSection() -> ExperimentReport.Section? {
        guard let ssl = settings.selfSupervised else { return nil }
        let training = ssl.training
        let loss =
            ssl.method == .simclr
            ? "SimCLR's NT-Xent at temperature \(figure(Double(ssl.temperature), 3))"
            : "VICReg's invariance, variance and covariance terms"
        let schedule = training.schedule == .cosine ? ", annealed to zero on a cosine" : ""
        return .init(
            title: "The self-supervised row",
            body: """
                A \(ssl.architecture.rawValue) encoder (\(ssl.architecture.network.widths.map(String.init).joined(separator: ", ")) \
                channels) learns from the \(photos.database.paths.count) database photos without their folder names: each \
                step makes two random views of every photo of a batch (`\(ssl.augmentation)`) and \(loss) pulls the \
                projections of a photo's two views together. The projection head (Linear, batch normalisation, ReLU, \
                Linear to \(ssl.projectionDimension)) serves only the loss; the index holds the \
                \(ssl.architecture.featureCount) pooled `features` before it, as SimCLR and VICReg evaluate. \
                \(training.epochs) epochs, batches of \(training.batchSize), Adam at \(training.learningRate)\(schedule), \
                once per seed. No label is read in training; labels only score the search, as for every row.
                """)
    }

    /// The self-supervised features against PCA's, the best of the rows that never see a label; `nil` without the row.
    func selfSupervisedReading(_ precision: [(mean: Double, std: Double)]) -> String? {
        guard settings.selfSupervised != nil, let ssl = methods.firstIndex(where: { $0.key == "ssl" }) else {
            return nil
        }
        let (features, pca) = (precision[ssl], precision[1])
        return "The self-supervised features against PCA-\(settings.code), both made without labels: "
            + "\(figure(features.mean, 3)) against \(figure(pca.mean, 3)) (\(points(features.mean - pca.mean)) points); "
            + verdict(ssl, 1)
    }
}
