import LatentNN

extension AutoencoderArchitecture {
    /// Entries in a VQ-VAE's codebook unless asked otherwise, and in every checkpoint written before it could be.
    public static let codebookEntries = 256
    /// The most entries a codebook may have: finding the nearest entries of a batch takes a (batch * groups, entries)
    /// matrix of scores, 128 MB at batch 128, 4 groups and this many.
    public static let largestCodebook = 65_536

    /// The values each codebook entry holds for a code of `codeSize`: the largest of 8, 4, 2 and 1 that divides
    /// it, so that every code size splits into whole groups (32 values: 4 groups of 8).
    ///
    /// - Parameter codeSize: the values of the encoder's output.
    public static func codebookEntrySize(codeSize: Int) -> Int {
        [8, 4, 2, 1].first { codeSize % $0 == 0 } ?? 1
    }

    /// The dense autoencoder's encoder and decoder with a vector quantizer of `entries` named `quantizer` between them.
    static func quantized(values: Int, codeSize: Int, entries: Int) -> LayerSpec {
        let parts = mirroredDense(values: values, hidden: [512, 128], codeSize: codeSize, batchNorm: false).children
        let quantizer = LayerSpec.vectorQuantizer(
            codes: entries, size: codebookEntrySize(codeSize: codeSize))
        return .named(layers: [parts[0], NamedLayerSpec("quantizer", quantizer), parts[1]])
    }

    /// values-code-values with sigmoids on both, as Rifai et al. (2011) train their contractive autoencoder.
    static func oneSigmoidLayer(values: Int, codeSize: Int) -> LayerSpec {
        .named(layers: [
            NamedLayerSpec("encoder", .sequential(layers: [.linear(inputs: values, outputs: codeSize), .sigmoid])),
            NamedLayerSpec("decoder", .sequential(layers: [.linear(inputs: codeSize, outputs: values), .sigmoid])),
        ])
    }
}
