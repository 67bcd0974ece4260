import CLAPACKE
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

        /// The solver whose work and memory are the smaller: the streamed D x D covariance when there are at least as
        /// many rows as features (Fashion-MNIST: 60,000 rows of 784) and it fits in `largestCovarianceFeatures`; the
        /// N x D data's SVD otherwise (a few hundred imported photos of 3 x 64 x 64 = 12,288 values, whose covariance
        /// alone would be 600 MB).
        ///
        /// - Parameters:
        ///   - rows: N, the rows the fit sees.
        ///   - features: D, the values in each row.
        public static func suited(rows: Int, features: Int) -> Solver {
            features <= rows && features <= largestCovarianceFeatures ? .covariance : .svd
        }
    }

    /// The widest data whose covariance is formed: 12 bytes an entry (`CovarianceAccumulator`), 7 GB at 24,576
    /// features (80 x 80 RGB is 19,200). Wider data takes the SVD, on a sample of rows if the data is tall too.
    public static let largestCovarianceFeatures = 24_576

    /// Rows centred and multiplied at a time by the covariance solver for rows of `features` values: 16 MB of them
    /// (5,349 rows of Fashion-MNIST), and at least 1,024 (80 MB at 80 x 80 RGB), so that each chunk's Double merge
    /// (D^2 / 2 additions) costs a small share of its product (M D^2 / 2 multiply-adds) and fewer, longer products
    /// run closer to the cores' peak.
    ///
    /// - Parameter features: D, the values in each row.
    public static func chunkRows(features: Int) -> Int { max(1_024, (16 << 20) / (4 * max(features, 1))) }

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
    ///
    /// - Parameters:
    ///   - data: N rows of D features.
    ///   - k: K, the number of components.
    ///   - solver: the covariance (streamed over chunks of rows) or the SVD; `nil` picks by shape.
    ///   - whiten: whether `transform` scales each coordinate to unit variance.
    ///   - chunkRows: with the covariance solver, how many rows each chunk holds; `nil` takes
    ///     `chunkRows(features:)`.
    public static func fit(
        _ data: Tensor, components k: Int, solver: Solver? = nil, whiten: Bool = false, chunkRows: Int? = nil
    ) throws -> PCA {
        guard data.rank == 2 else { throw LatentError("PCA needs a matrix (N, D), got shape \(data.shape)") }
        let (n, d) = (data.shape[0], data.shape[1])
        try check(rows: n, features: d, components: k)
        let solver = solver ?? .suited(rows: n, features: d)
        guard solver == .covariance else {
            let sums = columnSums(data)
            try requireFinite(data, sums: sums)
            let mean = Tensor(shape: [d], scalars: sums.map { Float($0 / Double(n)) })
            let (components, variances, total) = try singularVectors(centred(data, mean: mean), k: k)
            return finished(mean: mean, components: components, variances: variances, total: total, whiten: whiten)
        }
        var accumulated = try CovarianceAccumulator(checkingWidth: d)
        let chunkRows = max(chunkRows ?? Self.chunkRows(features: d), 1)
        data.withUnsafeBufferPointer { values in
            for start in stride(from: 0, to: n, by: chunkRows) {
                accumulated.add(rows: values.baseAddress! + start * d, count: min(chunkRows, n - start))
            }
        }
        try requireFinite(data, sums: accumulated.mean)
        return try fit(accumulated, components: k, whiten: whiten)
    }

    /// Fits K components to the mean and covariance of rows streamed through `accumulated`.
    ///
    /// - Parameters:
    ///   - accumulated: the rows' mean and scatter.
    ///   - k: K, the number of components.
    ///   - whiten: whether `transform` scales each coordinate to unit variance.
    public static func fit(_ accumulated: CovarianceAccumulator, components k: Int, whiten: Bool = false) throws -> PCA
    {
        try check(rows: accumulated.count, features: accumulated.features, components: k)
        guard accumulated.mean.allSatisfy(\.isFinite) else {
            throw LatentError("PCA: the rows hold a non-finite value (their mean is not finite)")
        }
        let mean = Tensor(shape: [accumulated.features], scalars: accumulated.mean.map { Float($0) })
        let (components, variances, total) = try covarianceEigenvectors(accumulated.covariance(), k: k)
        return finished(mean: mean, components: components, variances: variances, total: total, whiten: whiten)
    }

    private static func check(rows n: Int, features d: Int, components k: Int) throws {
        guard k >= 1, k <= d else {
            throw LatentError("PCA: \(k) components asked of \(d)-dimensional data (1...\(d))")
        }
        guard n >= 2, k <= n else {
            throw LatentError("PCA: \(k) components need at least \(max(k, 2)) rows, got \(n)")
        }
    }

    /// A NaN or an infinity makes its column's sum non-finite: only then are the values searched.
    private static func requireFinite(_ data: Tensor, sums: [Double]) throws {
        let d = data.shape[1]
        if sums.contains(where: { !$0.isFinite }), let bad = data.firstNonFiniteIndex {
            throw LatentError(
                "PCA: non-finite value \(data.withUnsafeBufferPointer { $0[bad] }) at row \(bad / d), column \(bad % d)"
            )
        }
    }

    /// The fit, with signs fixed and rounding's negative variances clamped to zero.
    private static func finished(
        mean: Tensor, components: Tensor, variances: [Float], total: Float, whiten: Bool
    ) -> PCA {
        fixSigns(components)
        return PCA(
            mean: mean, components: components, explainedVariance: variances.map { max($0, 0) },
            totalVariance: total <= 0 ? 1 : total, whiten: whiten)
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

    /// The top K eigenpairs of the covariance (D, D, upper triangle, overwritten) by ssyevr, and its trace.
    private static func covarianceEigenvectors(_ covariance: Tensor, k: Int) throws -> (Tensor, [Float], Float) {
        let d = covariance.shape[0]
        var found: Int32 = 0
        var eigenvalues = [Float](repeating: 0, count: d)
        let vectors = Tensor(zeros: [d, k])  // column j: eigenvector of the j-th smallest of the top K
        var support = [Int32](repeating: 0, count: 2 * k)
        var total: Float = 0
        let status = covariance.withUnsafeMutableBufferPointer { covariance in
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
