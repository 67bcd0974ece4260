import Foundation
import LatentCore
import LatentLinalg
import LatentModels

extension AutoencoderPipeline {
    /// Components of the Gaussian mixture fitted to a regularised autoencoder's codes, as Ghosh et al. (2020) fit.
    static let codeDensityComponents = 10

    /// Whether the model is a regularised autoencoder (RAE), which has no prior to draw codes from: a Gaussian
    /// mixture fitted to its training codes after training takes the prior's place.
    var fitsCodeDensity: Bool { codePenalty > 0 || decoderWeightDecay > 0 }

    /// For a regularised autoencoder, fits the code density to `trainCodes` (N, code), seeded by the run's seed,
    /// sets it on `autoencoder` and adds it to the checkpoint `model.h5` in `output`.
    func fitCodeDensity(
        _ autoencoder: inout Autoencoder, trainCodes: Tensor, output: String, log: (String) -> Void
    ) throws {
        guard fitsCodeDensity else { return }
        let components = min(Self.codeDensityComponents, trainCodes.shape[0])
        log("fitting a \(components)-component Gaussian mixture to the \(trainCodes.shape[0]) training codes")
        let start = Date()
        let fit: GaussianMixture.Fit
        do {
            fit = try GaussianMixture.fit(trainCodes, components: components, seed: training.seed)
        } catch {
            throw LatentError(
                "the regularised autoencoder's code density cannot be fitted to its training codes: \(error)")
        }
        let nats = String(format: "%.2f", fit.logLikelihoods.last ?? 0)
        let seconds = String(format: "%.1f", Date().timeIntervalSince(start))
        log(
            "\(fit.logLikelihoods.count - 1) EM steps (\(fit.converged ? "converged" : "stopped at the limit")), "
                + "\(nats) nats per code, \(seconds) s")
        autoencoder.codeDensity = fit.mixture
        let file = path("model.h5", in: output)
        var checkpoint = try Checkpoint.load(from: file)
        checkpoint.codeDensity = fit.mixture
        try checkpoint.save(to: file)
    }

    /// `samples.png`: images decoded from codes drawn from the fitted code density, and its caption.
    func drawDensitySamples(
        _ autoencoder: Autoencoder, from density: GaussianMixture, shape: (channels: Int, height: Int, width: Int),
        output: String
    ) throws -> (file: String, caption: String) {
        try GenerativePictures.densitySamples(of: autoencoder, from: density, shape: shape, seed: training.seed)
            .savePNG(to: path("samples.png", in: output))
        return (
            "samples.png",
            "Images decoded from codes drawn from the \(density.components)-component Gaussian mixture fitted to the "
                + "training codes (ex-post density estimation)"
        )
    }
}
