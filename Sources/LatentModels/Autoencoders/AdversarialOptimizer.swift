import LatentCore
import LatentNN

/// The three optimizers of an adversarial autoencoder's training, saved and restored as one state: the autoencoder's
/// (reconstruction phase), the discriminator's own Adam and the generator phase's Adam on the encoder, as a PyTorch
/// user keeps three `torch.optim.Adam`s.
///
/// Adam takes steps of about its learning rate whatever a loss's scale, so the regularisation phase's weight, lambda,
/// acts through its learning rate: the discriminator and the generator phase step at lambda times the autoencoder's
/// rate, with beta1 = 0.5 as adversarial training usually has it (on 2,000 MNIST digits, 0.9 let the codes' mean
/// swing from side to side of the prior's).
///
/// Each takes one step per batch, so they share one step count. In the saved state the autoencoder's slots keep their
/// names (`m/encoder.0.weight`), the discriminator's are its parameters' (`m/discriminator.0.weight`), and the
/// generator phase's moments of the encoder are the slots `generator_m` and `generator_v`.
public final class AdversarialOptimizer: Optimizer {
    /// Updates the encoder and the decoder from the reconstruction error.
    public let autoencoder: any Optimizer
    /// Updates the discriminator from its binary cross-entropy.
    public let discriminator: Adam
    /// Updates the encoder from the discriminator's verdict on its codes.
    public let generator: Adam
    /// The regularisation phase's learning rate over the autoencoder's: the adversarial weight, lambda.
    public let regularisationWeight: Float
    private let kind: String

    /// - Parameters:
    ///   - autoencoder: the reconstruction phase's optimizer.
    ///   - regularisationWeight: lambda: the discriminator's and the generator phase's Adam take this times the
    ///     autoencoder optimizer's learning rate.
    public init(autoencoder: any Optimizer, regularisationWeight: Float) {
        self.autoencoder = autoencoder
        self.regularisationWeight = regularisationWeight
        let rate = regularisationWeight * autoencoder.learningRate
        discriminator = Adam(learningRate: rate, beta1: 0.5)
        generator = Adam(learningRate: rate, beta1: 0.5)
        kind = autoencoder.state.kind + "+adversarial"
    }

    /// The reconstruction phase's rate; a schedule moves all three together, the other two staying lambda times it.
    public var learningRate: Float {
        get { autoencoder.learningRate }
        set {
            autoencoder.learningRate = newValue
            let rate = regularisationWeight * newValue
            (discriminator.learningRate, generator.learningRate) = (rate, rate)
        }
    }

    /// The reconstruction phase's step; the discriminator's parameters, which that phase never reaches, are left out.
    ///
    /// - Parameter parameters: the model's trainable parameters.
    public func step(_ parameters: [NamedTensor]) {
        autoencoder.step(parameters.filter { !$0.name.hasPrefix(Self.discriminatorPrefix) })
    }

    static let discriminatorPrefix = "discriminator."
    private static let generatorSlots = ["m": "generator_m", "v": "generator_v"]

    public var state: OptimizerState {
        var merged = autoencoder.state
        merged.kind = kind
        for (key, values) in discriminator.state.tensors { merged.tensors[key] = values }
        for (key, shape) in discriminator.state.shapes { merged.shapes[key] = shape }
        let generatorState = generator.state
        for (key, values) in generatorState.tensors {
            let renamed = Self.renamed(key, by: Self.generatorSlots)
            (merged.tensors[renamed], merged.shapes[renamed]) = (values, generatorState.shapes[key])
        }
        return merged
    }

    /// Restores all three from one state saved by an adversarial optimizer over the same kind of autoencoder optimizer.
    ///
    /// - Parameter state: what `state` gave.
    public func restore(_ state: OptimizerState) throws {
        guard state.kind == kind else { throw LatentError("cannot restore \(state.kind) optimizer state into \(kind)") }
        func part(of optimizer: any Optimizer) -> OptimizerState {
            OptimizerState(kind: optimizer.state.kind, step: state.step, tensors: [:])
        }
        var (ownState, discriminatorState, generatorState) = (
            part(of: autoencoder), part(of: discriminator), part(of: generator)
        )
        let unslotted = Dictionary(uniqueKeysWithValues: Self.generatorSlots.map { ($1, $0) })
        for (key, values) in state.tensors {
            let slot = String(key.prefix { $0 != "/" })
            if unslotted[slot] != nil {
                let renamed = Self.renamed(key, by: unslotted)
                (generatorState.tensors[renamed], generatorState.shapes[renamed]) = (values, state.shapes[key])
            } else if key.dropFirst(slot.count + 1).hasPrefix(Self.discriminatorPrefix) {
                (discriminatorState.tensors[key], discriminatorState.shapes[key]) = (values, state.shapes[key])
            } else {
                (ownState.tensors[key], ownState.shapes[key]) = (values, state.shapes[key])
            }
        }
        try autoencoder.restore(ownState)
        try discriminator.restore(discriminatorState)
        try generator.restore(generatorState)
    }

    /// `key` (`SLOT/PARAMETER`) with its slot renamed as `slots` says, unchanged where it says nothing.
    private static func renamed(_ key: String, by slots: [String: String]) -> String {
        let slot = String(key.prefix { $0 != "/" })
        return slots[slot].map { $0 + key.dropFirst(slot.count) } ?? key
    }
}
