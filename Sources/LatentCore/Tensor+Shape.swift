import COpenBLAS

extension Tensor {
    /// The same elements under another shape; one axis may be -1 and is then inferred.
    public func reshaped(_ newShape: [Int]) -> Tensor {
        let known = newShape.filter { $0 != -1 }.reduce(1, *)
        let inferred = newShape.filter { $0 == -1 }.count
        precondition(inferred <= 1, "at most one -1 in reshape, got \(newShape)")
        var resolved = newShape
        if inferred == 1 {
            precondition(known > 0 && count % known == 0, "cannot reshape \(shape) to \(newShape)")
            resolved = newShape.map { $0 == -1 ? count / known : $0 }
        }
        precondition(
            resolved.allSatisfy { $0 >= 0 } && resolved.reduce(1, *) == count,
            "cannot reshape \(shape) (\(count) elements) to \(newShape)")
        let inputShape = shape
        return Tensor.record(Tensor(shape: resolved, storage: storage), inputs: [self]) { _, g in
            [Tensor(shape: inputShape, storage: g.storage)]
        }
    }

    /// Swaps the last two axes (a matrix transpose, batched over any leading axes).
    public func transposed() -> Tensor {
        precondition(rank >= 2, "transposed() needs at least two axes, got shape \(shape)")
        return Tensor.record(transposedValues(), inputs: [self]) { _, g in [g.transposedValues()] }
    }

    private func transposedValues() -> Tensor {
        let (rows, columns) = (shape[rank - 2], shape[rank - 1])
        var outShape = shape
        outShape.swapAt(rank - 2, rank - 1)
        let out = Tensor(uninitializedShape: outShape)
        let matrix = rows * columns
        guard matrix > 0 else { return out }
        for batch in 0..<(count / matrix) {
            cblas_somatcopy(
                CblasRowMajor, CblasTrans, Int32(rows), Int32(columns), 1,
                pointer + batch * matrix, Int32(columns), out.pointer + batch * matrix, Int32(rows))
        }
        return out
    }

    /// The entries `range` of the leading axis (a mini-batch of rows), as a copy.
    public func rows(_ range: Range<Int>) -> Tensor {
        precondition(
            rank >= 1 && range.lowerBound >= 0 && range.upperBound <= shape[0],
            "rows \(range) are out of bounds for shape \(shape)")
        let rowSize = shape.dropFirst().reduce(1, *)
        var outShape = shape
        outShape[0] = range.count
        let out = Tensor(uninitializedShape: outShape)
        out.pointer.update(from: pointer + range.lowerBound * rowSize, count: out.count)
        let inputShape = shape
        return Tensor.record(out, inputs: [self]) { _, g in
            let full = Tensor(zeros: inputShape)
            (full.pointer + range.lowerBound * rowSize).update(from: g.pointer, count: g.count)
            return [full]
        }
    }

    /// The entries `indices` of the leading axis, in that order, as a new tensor cut off from the graph
    /// (mini-batches, subsets, per-class databases).
    public func gatheredRows(_ indices: [Int]) -> Tensor {
        let rowSize = shape.dropFirst().reduce(1, *)
        var outShape = shape
        outShape[0] = indices.count
        let out = Tensor(uninitializedShape: outShape)
        for (row, index) in indices.enumerated() {
            precondition(index >= 0 && index < shape[0], "row \(index) is out of bounds for shape \(shape)")
            (out.pointer + row * rowSize).update(from: pointer + index * rowSize, count: rowSize)
        }
        return out
    }

    /// Joins tensors along `axis`; every other axis must match.
    public static func concatenate(_ parts: [Tensor], axis: Int = 0) -> Tensor {
        precondition(!parts.isEmpty, "concatenate needs at least one tensor")
        let first = parts[0]
        let axis = first.normalizedAxis(axis)
        for part in parts {
            var a = part.shape
            var b = first.shape
            precondition(a.count == b.count, "concatenate: ranks differ, \(part.shape) and \(first.shape)")
            a[axis] = 0
            b[axis] = 0
            precondition(
                a == b, "concatenate along axis \(axis): shapes \(part.shape) and \(first.shape) differ off that axis")
        }
        var outShape = first.shape
        outShape[axis] = parts.reduce(0) { $0 + $1.shape[axis] }
        let outer = first.shape[..<axis].reduce(1, *)
        let inner = first.shape[(axis + 1)...].reduce(1, *)
        let out = Tensor(uninitializedShape: outShape)
        let outChunk = outShape[axis] * inner
        var start = 0
        for part in parts {
            let chunk = part.shape[axis] * inner
            for o in 0..<outer {
                (out.pointer + o * outChunk + start).update(from: part.pointer + o * chunk, count: chunk)
            }
            start += chunk
        }
        return record(out, inputs: parts) { _, g in
            var start = 0
            return parts.map { part in
                let chunk = part.shape[axis] * inner
                defer { start += chunk }
                guard part.requiresGrad else { return nil }
                let piece = Tensor(uninitializedShape: part.shape)
                for o in 0..<outer {
                    (piece.pointer + o * chunk).update(from: g.pointer + o * outChunk + start, count: chunk)
                }
                return piece
            }
        }
    }
}
