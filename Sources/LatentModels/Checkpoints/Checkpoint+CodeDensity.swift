import LatentCore
import LatentLinalg
import LatentStorage

extension Checkpoint {
    /// Where a checkpoint keeps the density fitted to an autoencoder's codes: `weights` (K), `means` (K, D) and
    /// `covariances` (K, D, D), float32, under this group.
    static let codeDensityGroup = "/code_density"

    func writeCodeDensity(into file: HDF5File) throws {
        guard let codeDensity else { return }
        try file.createGroup(Self.codeDensityGroup)
        try file.write(codeDensity.weights, at: Self.codeDensityGroup + "/weights")
        try file.write(codeDensity.means, at: Self.codeDensityGroup + "/means")
        try file.write(codeDensity.covariances, at: Self.codeDensityGroup + "/covariances")
    }

    /// The code density of `file`, `nil` when it has none (every checkpoint but a regularised autoencoder's);
    /// refused naming the file when its parts are missing, not finite or not a mixture.
    static func readCodeDensity(_ file: HDF5File) throws -> GaussianMixture? {
        guard file.exists(codeDensityGroup) else { return nil }
        var parts: [Tensor] = []
        for name in ["weights", "means", "covariances"] {
            let path = codeDensityGroup + "/" + name
            guard file.exists(path) else { throw LatentError("\(file.name): \(path) is missing") }
            let tensor = try file.read(path)
            try requireFinite(tensor, at: path, in: file.name)
            parts.append(tensor)
        }
        do {
            return try GaussianMixture(weights: parts[0], means: parts[1], covariances: parts[2])
        } catch {
            throw LatentError("\(file.name): \(codeDensityGroup) is not \(error)")
        }
    }
}
