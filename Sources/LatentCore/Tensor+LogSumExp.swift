import Foundation

extension Tensor {
    /// log(sum_j e^x[i, j]) for each row i of a matrix, computed as max + log(sum e^(x - max)) so that it never
    /// overflows; the derivative is the row's softmax times the row's incoming gradient.
    ///
    /// x: (N, K) -> (N). The importance-weighted bound averages K weights in log space with it.
    public func logSumExpRows() -> Tensor {
        precondition(rank == 2 && shape[1] > 0, "logSumExpRows needs an (N, K) matrix with K > 0, got shape \(shape)")
        let (rows, columns) = (shape[0], shape[1])
        let out = Tensor(uninitializedShape: [rows])
        let (x, y) = (pointer, out.pointer)
        for row in 0..<rows {
            let xr = x + row * columns
            var largest = -Float.infinity
            for j in 0..<columns { largest = max(largest, xr[j]) }
            guard largest.isFinite else {
                y[row] = largest
                continue
            }
            var total: Float = 0
            for j in 0..<columns { total += VectorExp.exp(xr[j] - largest) }
            y[row] = largest + Foundation.log(total)
        }
        return Tensor.record(out, inputs: [self]) { y, g in
            // dx[i, j] = g[i] * e^(x[i, j] - y[i]).
            let gradient = Tensor(uninitializedShape: [rows, columns])
            let (x, y, g, d) = (self.pointer, y.pointer, g.pointer, gradient.pointer)
            for row in 0..<rows {
                let (xr, dr, shift, scale) = (x + row * columns, d + row * columns, y[row], g[row])
                for j in 0..<columns { dr[j] = shift.isFinite ? scale * VectorExp.exp(xr[j] - shift) : 0 }
            }
            return [gradient]
        }
    }
}
