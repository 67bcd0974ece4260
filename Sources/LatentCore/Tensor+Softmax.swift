import Foundation

extension Tensor {
    /// Softmax over the last axis, shifted by each row's maximum so that exp never overflows.
    public func softmax() -> Tensor {
        let out = logSoftmaxValues()
        let p = out.pointer
        for i in 0..<count { p[i] = Foundation.exp(p[i]) }
        let columns = shape.last ?? 1
        return Tensor.record(out, inputs: [self]) { y, g in
            // dx = y * (g - sum(g * y)) per row.
            let grad = Tensor(uninitializedShape: y.shape)
            for row in 0..<(y.count / max(columns, 1)) {
                let (yr, gr, dr) = (y.pointer + row * columns, g.pointer + row * columns, grad.pointer + row * columns)
                var dot: Float = 0
                for j in 0..<columns { dot += gr[j] * yr[j] }
                for j in 0..<columns { dr[j] = yr[j] * (gr[j] - dot) }
            }
            return [grad]
        }
    }

    /// log(softmax(x)) over the last axis, computed as x - max - log(sum(exp(x - max))).
    public func logSoftmax() -> Tensor {
        let columns = shape.last ?? 1
        return Tensor.record(logSoftmaxValues(), inputs: [self]) { y, g in
            // dx = g - softmax * sum(g) per row.
            let grad = Tensor(uninitializedShape: y.shape)
            for row in 0..<(y.count / max(columns, 1)) {
                let (yr, gr, dr) = (y.pointer + row * columns, g.pointer + row * columns, grad.pointer + row * columns)
                var total: Float = 0
                for j in 0..<columns { total += gr[j] }
                for j in 0..<columns { dr[j] = gr[j] - Foundation.exp(yr[j]) * total }
            }
            return [grad]
        }
    }

    private func logSoftmaxValues() -> Tensor {
        precondition(rank >= 1 && shape[rank - 1] > 0, "softmax needs a non-empty last axis, got shape \(shape)")
        let columns = shape[rank - 1]
        let out = Tensor(uninitializedShape: shape)
        for row in 0..<(count / columns) {
            let (x, y) = (pointer + row * columns, out.pointer + row * columns)
            var largest = -Float.infinity
            for j in 0..<columns { largest = max(largest, x[j]) }
            var total: Float = 0
            for j in 0..<columns { total += Foundation.exp(x[j] - largest) }
            let shift = largest + Foundation.log(total)
            for j in 0..<columns { y[j] = x[j] - shift }
        }
        return out
    }
}
