import LatentModels
import LatentNN

extension AutoencoderPipeline {
    /// `spec` with a discriminator on its code when an adversarial weight is set, `spec` itself otherwise.
    func withDiscriminator(_ spec: LayerSpec) throws -> LayerSpec {
        adversarialWeight > 0 ? try AutoencoderArchitecture.adversarial(spec, codeSize: codeSize) : spec
    }
}
