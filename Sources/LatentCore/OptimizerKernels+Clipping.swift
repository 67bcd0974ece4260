/// Gradient clipping by global norm: one sum over every gradient, then one scaling of each.
extension OptimizerKernels {
    /// The sum of every element's square over `tensors`, each square rounded to Float, then added to one
    /// Double in order: sequential, so it gives the same bits on every run whatever the thread count.
    package static func sumOfSquares(_ tensors: [Tensor]) -> Double {
        var sum: Double = 0
        KernelClock.measure(.optimizer) {
            for tensor in tensors {
                let x = tensor.pointer
                for i in 0..<tensor.count { sum += Double(x[i] * x[i]) }
            }
        }
        return sum
    }

    /// Multiplies every element of `tensors` by `factor` in place.
    package static func scale(_ tensors: [Tensor], by factor: Float) {
        for tensor in tensors {
            let x = tensor.pointer
            parallelRanges(tensor.count, minimumPerPiece: elementwiseGrain, clock: .optimizer) { range in
                for i in range { x[i] *= factor }
            }
        }
    }
}
