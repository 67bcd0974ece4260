import LatentCore

extension PCA {
    /// Codes of the rows of `data`: (N, D) -> (N, K), whitened when asked.
    public func transform(_ data: Tensor) throws -> Tensor {
        let d = mean.count
        guard data.rank == 2, data.shape[1] == d else {
            throw LatentError("PCA.transform: expected (N, \(d)), got \(data.shape)")
        }
        let n = data.shape[0]
        let codes = Tensor(zeros: [n, componentCount])
        // (X - mean) W^T = X W^T - mean W^T: one sgemm, then subtract a row.
        BLAS.sgemm(transposeB: true, m: n, n: componentCount, k: d, a: data.pointer, lda: d, b: components.pointer, ldb: d,
                   c: codes.pointer, ldc: componentCount)
        let offset = Tensor(zeros: [1, componentCount])
        BLAS.sgemm(transposeB: true, m: 1, n: componentCount, k: d, a: mean.pointer, lda: d, b: components.pointer, ldb: d,
                   c: offset.pointer, ldc: componentCount)
        let scales = explainedVariance.map { whiten ? 1 / max($0, 1e-12).squareRoot() : 1 }
        for row in 0..<n {
            let code = codes.pointer + row * componentCount
            for j in 0..<componentCount { code[j] = (code[j] - offset.pointer[j]) * scales[j] }
        }
        return codes
    }

    /// Reconstructions from codes: (N, K) -> (N, D).
    public func inverseTransform(_ codes: Tensor) throws -> Tensor {
        guard codes.rank == 2, codes.shape[1] == componentCount else {
            throw LatentError("PCA.inverseTransform: expected (N, \(componentCount)), got \(codes.shape)")
        }
        let (n, d) = (codes.shape[0], mean.count)
        var scaled = codes
        if whiten {
            scaled = codes.copy()
            let scales = explainedVariance.map { max($0, 1e-12).squareRoot() }
            for row in 0..<n { for j in 0..<componentCount { scaled.pointer[row * componentCount + j] *= scales[j] } }
        }
        let out = Tensor(uninitializedShape: [n, d])
        for row in 0..<n { (out.pointer + row * d).update(from: mean.pointer, count: d) }
        BLAS.sgemm(m: n, n: d, k: componentCount, a: scaled.pointer, lda: componentCount, b: components.pointer, ldb: d,
                   beta: 1, c: out.pointer, ldc: d)
        return out
    }

    /// Mean squared error over every pixel between `data` and its reconstruction.
    public func reconstructionError(_ data: Tensor) throws -> Double {
        let reconstruction = try inverseTransform(try transform(data))
        var total: Double = 0
        for i in 0..<data.count {
            let difference = Double(data.pointer[i] - reconstruction.pointer[i])
            total += difference * difference
        }
        return total / Double(max(data.count, 1))
    }
}
