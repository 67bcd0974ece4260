import LatentCore

extension Loss {
    /// Half the squared norm of each code, averaged over the batch: the regularised autoencoder's code penalty
    /// (RAE, Ghosh et al. 2020), 1/2 ||z||^2 per image, which keeps a deterministic code space small and smooth in
    /// place of a VAE's KL term.
    ///
    /// Shapes: N = batch, D = code size.
    ///
    /// - Parameter codes: the encoder's codes z, (N, D).
    public static func halfSquaredCodeNorm(_ codes: Tensor) -> Tensor {
        precondition(codes.rank == 2, "halfSquaredCodeNorm: codes \(codes.shape) must be (N, D)")
        return (codes * codes).sum() / Float(2 * max(codes.shape[0], 1))
    }
}
