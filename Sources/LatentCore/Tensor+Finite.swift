/// Checks for NaN and infinity, which callers refuse in their inputs: one such value turns every figure
/// computed from it into NaN.
extension Tensor {
    /// The row-major index of the first value that is not finite, if any.
    package var firstNonFiniteIndex: Int? {
        for i in 0..<count where !pointer[i].isFinite { return i }
        return nil
    }

    /// How many values are not finite.
    package var nonFiniteCount: Int {
        var found = 0
        for i in 0..<count where !pointer[i].isFinite { found += 1 }
        return found
    }
}
