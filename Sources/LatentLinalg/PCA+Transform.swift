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
        let offset = Tensor(zeros: [1, componentCount])
        let scales = explainedVariance.map { whiten ? 1 / max($0, 1e-12).squareRoot() : 1 }
        components.withUnsafeBufferPointer { components in
            codes.withUnsafeMutableBufferPointer { codes in
                data.withUnsafeBufferPointer { data in
                    BLAS.sgemm(
                        transposeB: true, m: n, n: componentCount, k: d, a: data, lda: d, b: components, ldb: d,
                        c: codes, ldc: componentCount)
                }
                offset.withUnsafeMutableBufferPointer { offset in
                    mean.withUnsafeBufferPointer { mean in
                        BLAS.sgemm(
                            transposeB: true, m: 1, n: componentCount, k: d, a: mean, lda: d, b: components, ldb: d,
                            c: offset, ldc: componentCount)
                    }
                    for row in 0..<n {
                        for j in 0..<componentCount {
                            codes[row * componentCount + j] = (codes[row * componentCount + j] - offset[j]) * scales[j]
                        }
                    }
                }
            }
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
            scaled.withUnsafeMutableBufferPointer { scaled in
                for row in 0..<n { for j in 0..<componentCount { scaled[row * componentCount + j] *= scales[j] } }
            }
        }
        let out = Tensor(uninitializedShape: [n, d])
        for row in 0..<n { out.copyValues(from: mean, at: row * d) }
        out.withUnsafeMutableBufferPointer { out in
            scaled.withUnsafeBufferPointer { scaled in
                components.withUnsafeBufferPointer { components in
                    BLAS.sgemm(
                        m: n, n: d, k: componentCount, a: scaled, lda: componentCount, b: components, ldb: d,
                        beta: 1, c: out, ldc: d)
                }
            }
        }
        return out
    }

    /// Mean squared error over every pixel between `data` and its reconstruction.
    public func reconstructionError(_ data: Tensor) throws -> Double {
        let reconstruction = try inverseTransform(try transform(data))
        return data.sumOfSquaredDifferences(reconstruction) / Double(max(data.count, 1))
    }
}
