extension VariationalAutoencoder {
    /// What the decoder's output means: the pixels' values themselves, or the logits of Bernoulli pixels.
    public enum Likelihood: String, Codable, CaseIterable, Sendable {
        /// The decoder ends in a sigmoid and gives the pixels; trained on squared error (a Gaussian with fixed
        /// variance).
        case gaussian
        /// The decoder gives logits of independent Bernoulli pixels, as Kingma and Welling and Burda et al. use for
        /// binarised MNIST; the model's output is their sigmoid, its likelihood the binary cross-entropy.
        case bernoulli
    }
}
