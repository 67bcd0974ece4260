import LatentCore

/// Scales all gradients down together so that their global L2 norm is at most `maxNorm`.
///
/// Returns the norm before clipping (as PyTorch's `clip_grad_norm_`).
@discardableResult
public func clipGradientNorm(_ parameters: [NamedTensor], maxNorm: Float) -> Float {
    let gradients = parameters.compactMap { $0.tensor.requiresGrad ? $0.tensor.grad : nil }
    var sumOfSquares: Double = 0
    for grad in gradients {
        for i in 0..<grad.count { sumOfSquares += Double(grad.pointer[i] * grad.pointer[i]) }
    }
    let norm = Float(sumOfSquares.squareRoot())
    if norm > maxNorm {
        let scale = maxNorm / (norm + 1e-6)
        for grad in gradients {
            for i in 0..<grad.count { grad.pointer[i] *= scale }
        }
    }
    return norm
}
