import LatentCore

/// The Huber loss (smooth L1, PyTorch's `HuberLoss`): squared error for residuals within `delta`, linear beyond,
/// averaged over every value. Built from Latent's differentiable operations, so it needs no backward of its own.
struct HuberLoss {
    var delta: Float = 0.1

    func callAsFunction(_ prediction: Tensor, _ target: Tensor) -> Tensor {
        let residual = prediction - target
        let magnitude = residual.relu() + (-residual).relu()
        let within = delta - (delta - magnitude).relu()  // min(|r|, delta)
        return (within * within * 0.5 + (magnitude - within) * delta).mean()
    }
}
