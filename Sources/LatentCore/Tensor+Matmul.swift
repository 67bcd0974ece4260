extension Tensor {
    /// The matrix product: (M, K) x (K, N) -> (M, N), or batched (B, M, K) x (B, K, N) -> (B, M, N).
    public func matmul(_ other: Tensor) -> Tensor {
        let a = self
        let b = other
        precondition(
            (a.rank == 2 && b.rank == 2) || (a.rank == 3 && b.rank == 3 && a.shape[0] == b.shape[0]),
            "matmul needs (M, K) x (K, N) or (B, M, K) x (B, K, N), got \(a.shape) x \(b.shape)")
        let (m, k, n) = (a.shape[a.rank - 2], a.shape[a.rank - 1], b.shape[b.rank - 1])
        precondition(b.shape[b.rank - 2] == k, "matmul inner sizes differ: \(a.shape) x \(b.shape)")
        let batches = a.rank == 3 ? a.shape[0] : 1
        let out = Tensor(uninitializedShape: a.rank == 3 ? [batches, m, n] : [m, n])
        for i in 0..<batches {
            BLAS.sgemm(
                m: m, n: n, k: k, a: a.pointer + i * m * k, lda: k, b: b.pointer + i * k * n, ldb: n,
                c: out.pointer + i * m * n, ldc: n)
        }
        return Tensor.record(out, inputs: [a, b]) { _, g in
            var gradA: Tensor?
            var gradB: Tensor?
            if a.requiresGrad {
                let grad = Tensor(uninitializedShape: a.shape)
                for i in 0..<batches {  // dA = dC B^T
                    BLAS.sgemm(
                        transposeB: true, m: m, n: k, k: n, a: g.pointer + i * m * n, lda: n,
                        b: b.pointer + i * k * n, ldb: n, c: grad.pointer + i * m * k, ldc: k)
                }
                gradA = grad
            }
            if b.requiresGrad {
                let grad = Tensor(uninitializedShape: b.shape)
                for i in 0..<batches {  // dB = A^T dC
                    BLAS.sgemm(
                        transposeA: true, m: k, n: n, k: m, a: a.pointer + i * m * k, lda: k,
                        b: g.pointer + i * m * n, ldb: n, c: grad.pointer + i * k * n, ldc: n)
                }
                gradB = grad
            }
            return [gradA, gradB]
        }
    }

    /// An affine map, `x W^T + b`, with PyTorch's weight layout.
    ///
    /// x: (N, I), weight: (O, I), bias: (O) -> (N, O). One sgemm forward, at most two backward.
    public static func linear(_ x: Tensor, weight: Tensor, bias: Tensor?) -> Tensor {
        precondition(
            x.rank == 2 && weight.rank == 2 && x.shape[1] == weight.shape[1],
            "linear needs x (N, I) and weight (O, I), got x \(x.shape) and weight \(weight.shape)")
        let (rows, inputs, outputs) = (x.shape[0], x.shape[1], weight.shape[0])
        if let bias { precondition(bias.shape == [outputs], "linear bias must be [\(outputs)], got \(bias.shape)") }
        let out = Tensor(uninitializedShape: [rows, outputs])
        if let bias {
            for row in 0..<rows { (out.pointer + row * outputs).update(from: bias.pointer, count: outputs) }
        }
        BLAS.sgemm(
            transposeB: true, m: rows, n: outputs, k: inputs, a: x.pointer, lda: inputs,
            b: weight.pointer, ldb: inputs, beta: bias == nil ? 0 : 1, c: out.pointer, ldc: outputs)
        let inputsList = [x, weight] + (bias.map { [$0] } ?? [])
        return record(out, inputs: inputsList) { _, g in
            var grads: [Tensor?] = [nil, nil, nil]
            let gradX = x.requiresGrad ? Tensor(uninitializedShape: x.shape) : nil
            let gradW = weight.requiresGrad ? Tensor(uninitializedShape: weight.shape) : nil
            // dx = g W and dW = g^T x take the same work: when both are wanted, each thread runs one of them whole
            // (one packing of each operand) instead of both threads splitting each product.
            BLAS.concurrently(
                flops: 2 * rows * inputs * outputs,
                gradX.map { grad in
                    {
                        BLAS.sgemm(
                            m: rows, n: inputs, k: outputs, a: g.pointer, lda: outputs, b: weight.pointer,
                            ldb: inputs, c: grad.pointer, ldc: inputs, split: $0)
                    }
                },
                gradW.map { grad in
                    {
                        BLAS.sgemm(
                            transposeA: true, m: outputs, n: inputs, k: rows, a: g.pointer, lda: outputs,
                            b: x.pointer, ldb: inputs, c: grad.pointer, ldc: inputs, split: $0)
                    }
                })
            (grads[0], grads[1]) = (gradX, gradW)
            if let bias, bias.requiresGrad { grads[2] = g.sum(toShape: [outputs]) }
            return Array(grads.prefix(inputsList.count))
        }
    }
}
