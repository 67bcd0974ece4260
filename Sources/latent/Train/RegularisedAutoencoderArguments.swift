import ArgumentParser

/// `latent train ae`'s flags for a regularised autoencoder (RAE-L2, Ghosh et al. 2020): a deterministic autoencoder
/// whose code and decoder are kept small, and which draws samples from a Gaussian mixture fitted to its codes.
struct RegularisedAutoencoderArguments: ParsableArguments {
    @Option(
        parsing: .unconditional,
        help: "RAE: weight beta of 1/2 ||z||^2 per image on the code, beside the per-pixel MSE (0: none).")
    var codePenalty: Float = 0

    @Option(
        parsing: .unconditional,
        help: ArgumentHelp(
            "RAE: L2 penalty lambda on the decoder's parameters only, as torch.optim.Adam(decoder.parameters(), "
                + "weight_decay=lambda) adds (0: none; --weight-decay is AdamW's, on every parameter)."))
    var decoderWeightDecay: Float = 0

    func validate() throws {
        try OptionChecks.requireNonNegative(codePenalty, "--code-penalty")
        try OptionChecks.requireNonNegative(decoderWeightDecay, "--decoder-weight-decay")
    }
}
