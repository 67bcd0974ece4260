import CLAPACKE
import COpenBLAS
import LatentCore

/// Principal component analysis: the baseline every autoencoder is judged against.
///
/// N = samples, D = features, K = components. Components are unit rows, in order of decreasing
/// variance, each signed so that its largest-magnitude loading is positive (deterministic signs).
public struct PCA {
    /// How to find the components.
    public enum Solver: String, Sendable, CaseIterable {
        /// Covariance through a symmetric rank-k update (half a product), then the top K eigenvectors: fast when N >> D.
        case covariance
        /// Thin SVD of the centred data (sgesdd): for D large relative to N.
        case svd

        /// The solver whose work and memory are the smaller: the D x D covariance when there are at least as many
        /// rows as features (Fashion-MNIST: 60,000 rows of 784), the N x D data otherwise (a few hundred imported
        /// photos of 3 x 64 x 64 = 12,288 values, whose covariance alone would be 600 MB).
        public static func suited(rows: Int, features: Int) -> Solver { features <= rows ? .covariance : .svd }
    }

    /// The widest data whose covariance is formed: 16,384 features make a 1 GB matrix; past that, the SVD.
    public static let largestCovarianceFeatures = 16_384

    /// (D) feature means.
    public let mean: Tensor
    /// (K, D) principal directions.
    public let components: Tensor
    /// (K) variance along each component (eigenvalues of the covariance, divisor N - 1).
    public let explainedVariance: [Float]
    /// The total variance of the data (trace of the covariance).
    public let totalVariance: Float
    /// Whether `transform` divides each coordinate by its standard deviation.
    public let whiten: Bool

    public var componentCount: Int { components.shape[0] }
    /// Each component's share of the total variance.
    public var explainedVarianceRatio: [Float] { explainedVariance.map { $0 / totalVariance } }

    public init(mean: Tensor, components: Tensor, explainedVariance: [Float], totalVariance: Float, whiten: Bool) {
        self.mean = mean
        self.components = components
        self.explainedVariance = explainedVariance
        self.totalVariance = totalVariance
        self.whiten = whiten
    }

    /// Fits K components to the rows of `data` (N, D), by `solver` or else the one `Solver.suited` to its shape.
    public static func fit(_ data: Tensor, components k: Int, solver: Solver? = nil, whiten: Bool = false) throws -> PCA
    {
        guard data.rank == 2 else { throw LatentError("PCA needs a matrix (N, D), got shape \(data.shape)") }
        let (n, d) = (data.shape[0], data.shape[1])
        guard k >= 1, k <= d else {
            throw LatentError("PCA: \(k) components asked of \(d)-dimensional data (1...\(d))")
        }
        guard n >= 2, k <= n else {
            throw LatentError("PCA: \(k) components need at least \(max(k, 2)) rows, got \(n)")
        }
        let solver = solver ?? .suited(rows: n, features: d)
        guard solver == .svd || d <= largestCovarianceFeatures else {
            throw LatentError(
                "PCA: the covariance of \(d) features would be a \(d) x \(d) matrix, more than the "
                    + "\(largestCovarianceFeatures) features it is formed for; use the svd solver")
        }
        let scatter = solver == .covariance ? gramAndColumnSums(data, alpha: 1 / Float(n - 1)) : nil
        let sums = scatter?.sums ?? columnSums(data)
        // A NaN or an infinity makes its column's sum non-finite: only then are the values searched.
        if sums.contains(where: { !$0.isFinite }), let bad = data.firstNonFiniteIndex {
            throw LatentError(
                "PCA: non-finite value \(data.withUnsafeBufferPointer { $0[bad] }) at row \(bad / d), column \(bad % d)"
            )
        }
        let mean = Tensor(shape: [d], scalars: sums.map { Float($0 / Double(n)) })
        var (components, variances, total) =
            if let scatter {
                try covarianceEigenvectors(gram: scatter.gram, rows: n, mean: mean, k: k)
            } else {
                try singularVectors(centred(data, mean: mean), k: k)
            }
        fixSigns(components)
        if total <= 0 { total = 1 }
        variances = variances.map { max($0, 0) }
        return PCA(
            mean: mean, components: components, explainedVariance: variances, totalVariance: total, whiten: whiten)
    }

    /// The data minus its column means, as a new matrix.
    private static func centred(_ data: Tensor, mean: Tensor) -> Tensor {
        let (n, d) = (data.shape[0], data.shape[1])
        let centred = Tensor(uninitializedShape: [n, d])
        data.withUnsafeBufferPointer { data in
            mean.withUnsafeBufferPointer { mean in
                centred.withUnsafeMutableBufferPointer { centred in
                    for row in 0..<n { for j in 0..<d { centred[row * d + j] = data[row * d + j] - mean[j] } }
                }
            }
        }
        return centred
    }

    /// The covariance's upper triangle, then the top K eigenpairs by ssyevr.
    ///
    /// The covariance is (X^T X - N m m^T) / (N - 1): `gram`, the upper triangle of X^T X / (N - 1) (half a
    /// product of the raw data), and a rank-1 correction here, so the centred N x D copy is never made.
    private static func covarianceEigenvectors(
        gram covariance: Tensor, rows n: Int, mean: Tensor, k: Int
    ) throws
        -> (Tensor, [Float], Float)
    {
        let d = mean.count
        var found: Int32 = 0
        var eigenvalues = [Float](repeating: 0, count: d)
        let vectors = Tensor(zeros: [d, k])  // column j: eigenvector of the j-th smallest of the top K
        var support = [Int32](repeating: 0, count: 2 * k)
        var total: Float = 0
        let status = covariance.withUnsafeMutableBufferPointer { covariance in
            mean.withUnsafeBufferPointer { mean in
                cblas_ssyr(
                    CblasRowMajor, CblasUpper, Int32(d), -Float(n) / Float(n - 1), mean.baseAddress, 1,
                    covariance.baseAddress, Int32(d))
            }
            for j in 0..<d { total += covariance[j * d + j] }
            return vectors.withUnsafeMutableBufferPointer { vectors in
                LAPACKE_ssyevr(
                    LAPACK_ROW_MAJOR, CChar(UInt8(ascii: "V")), CChar(UInt8(ascii: "I")), CChar(UInt8(ascii: "U")),
                    Int32(d), covariance.baseAddress, Int32(d), 0, 0, Int32(d - k + 1), Int32(d), 0,
                    &found, &eigenvalues, vectors.baseAddress, Int32(k), &support)
            }
        }
        guard status == 0, found == k else {
            throw LatentError("PCA: ssyevr failed (info \(status), \(found) of \(k) eigenpairs)")
        }
        let components = Tensor(uninitializedShape: [k, d])
        vectors.withUnsafeBufferPointer { vectors in
            components.withUnsafeMutableBufferPointer { components in
                for i in 0..<k {  // descending order: component i is column k - 1 - i
                    for j in 0..<d { components[i * d + j] = vectors[j * k + (k - 1 - i)] }
                }
            }
        }
        return (components, (0..<k).map { eigenvalues[k - 1 - $0] }, total)
    }

    /// The thin SVD of the centred data by sgesdd: right singular vectors are the components.
    private static func singularVectors(_ centred: Tensor, k: Int) throws -> (Tensor, [Float], Float) {
        let (n, d) = (centred.shape[0], centred.shape[1])
        let rank = min(n, d)
        var singular = [Float](repeating: 0, count: rank)
        let left = Tensor(zeros: [n, rank])
        let right = Tensor(zeros: [rank, d])
        var total: Double = 0
        let status = centred.withUnsafeMutableBufferPointer { centred in
            for value in centred { total += Double(value * value) }
            return left.withUnsafeMutableBufferPointer { left in
                right.withUnsafeMutableBufferPointer { right in
                    LAPACKE_sgesdd(
                        LAPACK_ROW_MAJOR, CChar(UInt8(ascii: "S")), Int32(n), Int32(d), centred.baseAddress,
                        Int32(d), &singular, left.baseAddress, Int32(rank), right.baseAddress, Int32(d))
                }
            }
        }
        guard status == 0 else { throw LatentError("PCA: sgesdd failed (info \(status))") }
        let components = right.rows(0..<k)
        return (components, singular.prefix(k).map { $0 * $0 / Float(n - 1) }, Float(total / Double(n - 1)))
    }

    private static func fixSigns(_ components: Tensor) {
        let (k, d) = (components.shape[0], components.shape[1])
        components.withUnsafeMutableBufferPointer { values in
            for i in 0..<k {
                let row = i * d
                var largest = 0
                for j in 1..<d where abs(values[row + j]) > abs(values[row + largest]) { largest = j }
                if values[row + largest] < 0 { for j in 0..<d { values[row + j] = -values[row + j] } }
            }
        }
    }
}
