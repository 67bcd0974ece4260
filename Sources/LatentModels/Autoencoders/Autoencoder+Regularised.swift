import LatentCore
import LatentNN

extension Autoencoder {
    /// The layer named `quantizer` between encoder and decoder, for a VQ-VAE.
    public var quantizer: VectorQuantizer? { model.layer(at: "quantizer") as? VectorQuantizer }

    /// Whether the objective has a term beyond reconstruction and sparsity, which `regularisedLoss` computes.
    var isRegularised: Bool {
        quantizer != nil || mmdWeight > 0 || contractiveWeight > 0 || codePenaltyWeight > 0 || decoderWeightDecay > 0
    }

    /// Reconstruction error of `target` from `input` through encoder and decoder (and the quantizer, with its
    /// codebook and commitment terms), plus each penalty whose weight is set.
    func regularisedLoss(
        _ input: Tensor, target: Tensor, encoder: any Layer, decoder: any Layer,
        using generator: inout some RandomNumberGenerator
    ) -> Tensor {
        let code = encoder(input)
        var loss: Tensor
        if let quantizer {
            let quantized = quantizer.quantize(code)
            loss =
                Loss.meanSquaredError(decoder(quantized.output), target) + quantized.codebookLoss
                + quantized.commitmentLoss * commitmentWeight
        } else {
            loss = Loss.meanSquaredError(decoder(code), target)
        }
        if sparsityWeight > 0 { loss = loss + Loss.l1Activity(code) * sparsityWeight }
        if let penalty = regularisedAutoencoderPenalty(code: code, decoder: decoder) { loss = loss + penalty }
        if mmdWeight > 0 {
            // Prior samples come from the trainer's generator, which checkpoints save, so a resumed run draws alike.
            let prior = Tensor.normal(code.shape, using: &generator)
            let scale = 2 * Float(code.shape[1])
            loss = loss + Loss.maximumMeanDiscrepancy(code, prior, scale: scale) * mmdWeight
        }
        if contractiveWeight > 0 {
            guard let weight = try? contractiveLayerWeight(of: encoder) else {
                preconditionFailure("a contractive weight was set on an encoder without the closed form")
            }
            loss = loss + Loss.contractivePenalty(hidden: code, weight: weight) * contractiveWeight
        }
        return loss
    }

    /// The weight W of an encoder that is one linear layer then a sigmoid, the only encoder whose Jacobian's norm
    /// the contractive penalty computes in closed form; throws naming the encoder's layers otherwise.
    public func contractiveEncoderWeight() throws -> Tensor {
        guard let encoder else {
            throw LatentError("the contractive penalty needs an encoder; this model has none apart from its decoder")
        }
        return try contractiveLayerWeight(of: encoder)
    }

    private func contractiveLayerWeight(of encoder: any Layer) throws -> Tensor {
        let layers = encoder.children.map(\.layer)
        guard layers.count == 2, let linear = layers[0] as? Linear, layers[1] is Sigmoid else {
            throw LatentError(
                "the contractive penalty is computed in closed form for an encoder of one linear layer and a "
                    + "sigmoid (the shallow autoencoder); this encoder is "
                    + (layers.isEmpty ? encoder.spec.summary : layers.map(\.spec.summary).joined(separator: ", ")))
        }
        return linear.weight
    }
}
