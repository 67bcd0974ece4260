import LatentCore

extension PCA {
    /// How a fit is made: the solver, and whether it sees every row or a seeded random sample of them.
    public struct Fitting: Sendable, Equatable {
        /// The covariance or the SVD; `nil` picks by the shape of the rows fitted (`Solver.suited`).
        public var solver: Solver?
        /// How many rows to fit on; `nil` (or at least N) fits on all.
        public var sample: Int?
        /// The seed of the sample's draw.
        public var seed: UInt64

        /// A fit by `solver` on `sample` rows drawn with `seed`.
        ///
        /// - Parameters:
        ///   - solver: the covariance or the SVD; `nil` picks by the shape of the rows fitted.
        ///   - sample: how many rows to fit on; `nil` fits on all.
        ///   - seed: the seed of the sample's draw.
        public init(solver: Solver? = nil, sample: Int? = nil, seed: UInt64 = 0) {
            self.solver = solver
            self.sample = sample
            self.seed = seed
        }

        /// The solver a fit on `rows` rows of `features` values uses: the one asked for, or the suited one for
        /// the rows the sample keeps.
        ///
        /// - Parameters:
        ///   - rows: N, all the rows there are.
        ///   - features: D, the values in each row.
        public func solver(rows: Int, features: Int) -> Solver {
            solver ?? .suited(rows: min(rows, sample ?? rows), features: features)
        }

        /// The rows a fit on `n` rows sees: a seeded random sample of `sample` of them in ascending order, or `nil`
        /// for all of them.
        ///
        /// - Parameter n: N, all the rows there are.
        public func sampledRows(of n: Int) -> [Int]? {
            guard let sample, sample < n else { return nil }
            var generator = SeededGenerator(seed: seed)
            return Array(Array(0..<n).shuffled(using: &generator).prefix(max(sample, 0))).sorted()
        }
    }

    /// Fits K components the way `fitting` says: on a seeded random sample of rows, kept in their order (so that a
    /// sample of every row is the full fit exactly), or on all of them.
    ///
    /// The sample is the one copy made: fitting on a few thousand of a million rows bounds the SVD's memory and the
    /// covariance's time. `transform` then codes every row.
    ///
    /// - Parameters:
    ///   - data: N rows of D features.
    ///   - k: K, the number of components.
    ///   - fitting: the solver and the sample.
    ///   - whiten: whether `transform` scales each coordinate to unit variance.
    public static func fit(_ data: Tensor, components k: Int, fitting: Fitting, whiten: Bool = false) throws -> PCA {
        guard data.rank == 2 else { throw LatentError("PCA needs a matrix (N, D), got shape \(data.shape)") }
        guard let rows = fitting.sampledRows(of: data.shape[0]) else {
            return try fit(data, components: k, solver: fitting.solver, whiten: whiten)
        }
        return try fit(data.gatheredRows(rows), components: k, solver: fitting.solver, whiten: whiten)
    }
}
