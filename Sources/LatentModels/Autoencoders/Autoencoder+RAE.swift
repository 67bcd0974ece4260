import LatentCore
import LatentNN

extension Autoencoder {
    /// The regularised autoencoder's terms (RAE-L2, Ghosh et al. 2020): beta * 1/2 ||z||^2 per image on the code and
    /// lambda * 1/2 ||theta||^2 on every trainable parameter of the decoder (the encoder's are left alone); `nil`
    /// when both weights are 0.
    ///
    /// - Parameters:
    ///   - code: the encoder's output z, (N, code).
    ///   - decoder: the layer whose parameters the L2 penalty takes.
    func regularisedAutoencoderPenalty(code: Tensor, decoder: any Layer) -> Tensor? {
        var terms: [Tensor] = []
        if codePenaltyWeight > 0 { terms.append(Loss.halfSquaredCodeNorm(code) * codePenaltyWeight) }
        if decoderWeightDecay > 0 {
            terms.append(Loss.halfSquaredL2(decoder.trainableParameters.map(\.tensor)) * decoderWeightDecay)
        }
        return terms.isEmpty ? nil : terms.dropFirst().reduce(terms[0], +)
    }
}
