import LatentCore

/// Scales all gradients down together so that their global L2 norm is at most `maxNorm`.
///
/// Returns the norm before clipping (as PyTorch's `clip_grad_norm_`).
@discardableResult
public func clipGradientNorm(_ parameters: [NamedTensor], maxNorm: Float) -> Float {
    let gradients = parameters.compactMap { $0.tensor.requiresGrad ? $0.tensor.grad : nil }
    let norm = Float(OptimizerKernels.sumOfSquares(gradients).squareRoot())
    if norm > maxNorm { OptimizerKernels.scale(gradients, by: maxNorm / (norm + 1e-6)) }
    return norm
}
