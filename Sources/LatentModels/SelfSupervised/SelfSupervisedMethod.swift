import LatentCore
import LatentNN

/// How a self-supervised encoder learns from two augmented views of each image, without labels.
public enum SelfSupervisedMethod: String, CaseIterable, Sendable {
    /// SimCLR (Chen et al., 2020): NT-Xent, each view must pick its partner out of the batch's other views.
    case simclr
    /// VICReg (Bardes et al., 2022): the views' embeddings agree, every dimension keeps its spread, dimensions
    /// decorrelate; no negatives.
    case vicreg

    /// The loss of the projections of the first and second views, each (N, D).
    ///
    /// - Parameters:
    ///   - first: the projections of the first views, (N, D).
    ///   - second: the projections of the second views, (N, D), row i from the same image as `first`'s row i.
    ///   - temperature: NT-Xent's temperature (SimCLR only).
    public func loss(_ first: Tensor, _ second: Tensor, temperature: Float) -> Tensor {
        switch self {
        case .simclr: return Loss.ntXent(first, second, temperature: temperature)
        case .vicreg: return Loss.vicReg(first, second)
        }
    }
}
