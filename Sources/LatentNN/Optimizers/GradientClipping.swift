import LatentCore

/// Scales all gradients down together so that their global L2 norm is at most `maxNorm`.
///
/// Returns the norm before clipping (as PyTorch's `clip_grad_norm_`).
@discardableResult
public func clipGradientNorm(_ parameters: [NamedTensor], maxNorm: Float) -> Float {
    let gradients = parameters.compactMap { $0.tensor.requiresGrad ? $0.tensor.grad : nil }
    var sumOfSquares: Double = 0
    for grad in gradients {
        grad.withUnsafeBufferPointer { g in for value in g { sumOfSquares += Double(value * value) } }
    }
    let norm = Float(sumOfSquares.squareRoot())
    if norm > maxNorm {
        let scale = maxNorm / (norm + 1e-6)
        for grad in gradients {
            grad.withUnsafeMutableBufferPointer { g in for i in g.indices { g[i] *= scale } }
        }
    }
    return norm
}
