/// How a variational autoencoder is trained: the weight of its KL term and the codes its bound draws per image.
public struct VariationalObjective: Equatable, Sendable {
    /// The weight of the KL term (Higgins et al.'s beta-VAE); 1 is the evidence lower bound.
    public var beta: Float = 1
    /// K, the codes drawn per image: 1 trains on the ELBO with the KL term in closed form (a VAE), more on the
    /// importance-weighted bound (an IWAE, Bernoulli decoders only).
    public var importanceSamples = 1

    /// - Parameters:
    ///   - beta: the weight of the KL term.
    ///   - importanceSamples: the codes drawn per image.
    public init(beta: Float = 1, importanceSamples: Int = 1) {
        self.beta = beta
        self.importanceSamples = importanceSamples
    }
}
