import LatentCore

extension Loss {
    /// The squared Frobenius norm of the Jacobian of a one-hidden-layer sigmoid encoder h = sigmoid(W x + b),
    /// averaged over the batch: the contractive autoencoder's penalty (Rifai et al. 2011), in its closed form
    /// sum_j (h_j (1 - h_j))^2 sum_i W_ji^2.
    ///
    /// Shapes: N = batch, H = hidden units, I = inputs.
    ///
    /// - Parameters:
    ///   - hidden: the encoder's output h, (N, H).
    ///   - weight: the encoder's weight W, (H, I).
    public static func contractivePenalty(hidden: Tensor, weight: Tensor) -> Tensor {
        precondition(
            hidden.rank == 2 && weight.rank == 2 && hidden.shape[1] == weight.shape[0],
            "contractivePenalty: hidden \(hidden.shape) does not match weight \(weight.shape)")
        let slope = hidden * (1 - hidden)  // (N, H): the sigmoid's derivative
        let rowNorms = (weight * weight).sum(axes: [1])  // (H)
        return (slope * slope * rowNorms).sum() / Float(hidden.shape[0])
    }
}
