import LatentCore
import LatentLinalg
import LatentStorage

extension PCA {
    /// Saves the fitted model to HDF5: `/mean` (D), `/components` (K, D), `/explained_variance` (K),
    /// with `kind`, `total_variance` and `whiten` attributes.
    public func save(to path: String) throws {
        try TensorArchive(
            tensors: [
                "mean": mean, "components": components,
                "explained_variance": Tensor(shape: [componentCount], scalars: explainedVariance),
            ], attributes: ["kind": "pca", "total_variance": String(totalVariance), "whiten": String(whiten)]
        ).save(to: path)
    }

    /// Loads a model saved by `save(to:)`.
    public static func load(from path: String) throws -> PCA {
        let archive = try TensorArchive.load(from: path)
        guard archive.attributes["kind"] == "pca", let total = archive.attributes["total_variance"].flatMap(Float.init)
        else {
            throw LatentError(
                "\(path): not a Latent PCA file (kind attribute \(archive.attributes["kind"] ?? "missing"))")
        }
        let components = try archive.tensor("components", in: path)
        let mean = try archive.tensor("mean", in: path)
        let variance = try archive.tensor("explained_variance", in: path)
        guard components.rank == 2, mean.shape == [components.shape[1]], variance.shape == [components.shape[0]] else {
            throw LatentError(
                "\(path): inconsistent shapes: components \(components.shape), mean \(mean.shape), variance \(variance.shape)"
            )
        }
        return PCA(
            mean: mean, components: components, explainedVariance: variance.scalars, totalVariance: total,
            whiten: archive.attributes["whiten"] == "true")
    }
}
