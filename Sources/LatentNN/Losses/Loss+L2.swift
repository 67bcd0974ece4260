import LatentCore

extension Loss {
    /// Half the sum of squares of every value of `parameters`: the L2 penalty whose gradient is each parameter
    /// itself, so that a weight lambda on it is what `torch.optim.Adam(params, weight_decay=lambda)` adds. The
    /// regularised autoencoder puts it on its decoder alone (RAE-L2, Ghosh et al. 2020).
    ///
    /// - Parameter parameters: the tensors to penalise, of any shapes; none gives 0.
    public static func halfSquaredL2(_ parameters: [Tensor]) -> Tensor {
        parameters.map { ($0 * $0).sum() }.reduce(Tensor(scalar: 0), +) * 0.5
    }
}
