import LatentData

extension AutoencoderSettings {
    /// What a checkpoint records of these settings besides what the pipeline records (the architecture, the code
    /// size, the image shape) and the trainer (the seed, the batch size); a resumed run must ask for the same.
    public var metadata: [String: String] {
        training.metadata.merging(["denoise": corruption.map(Self.text) ?? "none", "sparsity": String(sparsity)]) { $1 }
            .merging(regularisationMetadata) { $1 }
            .merging(adversarialMetadata) { $1 }
            .merging(regularisedAutoencoderMetadata) { $1 }.merging(codebookMetadata) { $1 }
            .merging(variational.metadata) { $1 }
    }

    /// `gaussian:STD` or `mask:FRACTION`, as `--denoise` and `model.denoise` take it.
    private static func text(_ corruption: Corruption) -> String {
        switch corruption {
        case .gaussian(let standardDeviation): return "gaussian:\(standardDeviation)"
        case .masking(let fraction): return "mask:\(fraction)"
        }
    }
}
