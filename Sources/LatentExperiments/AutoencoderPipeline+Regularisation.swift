import LatentModels

extension AutoencoderPipeline {
    /// Sets the VQ-VAE, WAE-MMD, contractive and RAE weights on `autoencoder`; throws when a contractive weight is
    /// asked of an encoder without the closed form.
    func regularise(_ autoencoder: inout Autoencoder) throws {
        autoencoder.commitmentWeight = commitmentWeight
        autoencoder.mmdWeight = mmdWeight
        if contractiveWeight > 0 { _ = try autoencoder.contractiveEncoderWeight() }
        autoencoder.contractiveWeight = contractiveWeight
        (autoencoder.codePenaltyWeight, autoencoder.decoderWeightDecay) = (codePenalty, decoderWeightDecay)
    }
}
