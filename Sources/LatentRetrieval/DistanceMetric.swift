/// How far apart two feature vectors are.
public enum DistanceMetric: String, Sendable, CaseIterable {
    /// |a - b|², computed as |a|² + |b|² - 2 a·b.
    case squaredL2 = "l2"
    /// 1 - cos(a, b).
    case cosine
}
