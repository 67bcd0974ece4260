extension Tensor {
    /// The sum of (self - other)² over every element, in Double, outside the graph: the reconstruction error
    /// that PCA and the autoencoders report, computed one way so that their figures compare.
    package func sumOfSquaredDifferences(_ other: Tensor) -> Double {
        precondition(count == other.count, "sumOfSquaredDifferences: \(count) against \(other.count) elements")
        var total: Double = 0
        for i in 0..<count {
            let difference = Double(pointer[i] - other.pointer[i])
            total += difference * difference
        }
        return total
    }
}
