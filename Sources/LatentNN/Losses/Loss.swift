import LatentCore

/// Training objectives, each a scalar tensor averaged over the batch.
public enum Loss {
    /// Mean of (prediction - target)² over every element.
    public static func meanSquaredError(_ prediction: Tensor, _ target: Tensor) -> Tensor {
        precondition(
            prediction.shape == target.shape,
            "meanSquaredError: prediction \(prediction.shape) and target \(target.shape) differ")
        let difference = prediction - target
        return (difference * difference).mean()
    }

    /// Binary cross-entropy of targets in [0, 1] given logits, averaged over every element (the engine's fused op).
    public static func binaryCrossEntropy(logits: Tensor, targets: Tensor) -> Tensor {
        Tensor.binaryCrossEntropy(logits: logits, targets: targets)
    }

    /// Cross-entropy of class labels given logits (N, K), averaged over the batch (a stable log-softmax).
    public static func crossEntropy(logits: Tensor, labels: [Int]) -> Tensor {
        precondition(
            logits.rank == 2 && logits.shape[0] == labels.count,
            "crossEntropy: logits \(logits.shape) for \(labels.count) labels")
        let oneHot = Tensor.oneHot(labels: labels, classes: logits.shape[1])
        return -(logits.logSoftmax() * oneHot).sum() / Float(max(labels.count, 1))
    }

    /// The mean absolute activation (an L1 penalty that makes a sparse autoencoder's code sparse).
    public static func l1Activity(_ activations: Tensor) -> Tensor {
        (activations.relu() + (-activations).relu()).mean()
    }

    /// KL(N(mean, e^logVariance) || N(0, 1)) summed over latent units, averaged over the batch.
    public static func gaussianKLDivergence(mean: Tensor, logVariance: Tensor) -> Tensor {
        precondition(
            mean.shape == logVariance.shape && mean.rank == 2,
            "gaussianKLDivergence: mean \(mean.shape) and log-variance \(logVariance.shape) must be the same (N, D)")
        let perElement = (logVariance.exp() + mean * mean - logVariance - 1) * 0.5
        return perElement.sum() / Float(mean.shape[0])
    }
}
