/// Element-wise updates written into a tensor in place, for the running state that layers, optimizers and
/// data loaders keep: no new tensor, nothing recorded for autograd.
extension Tensor {
    /// Limits every element to `range`: min(max(x, lower), upper), so NaN stays NaN.
    package func clamp(to range: ClosedRange<Float>) {
        let (x, lower, upper) = (pointer, range.lowerBound, range.upperBound)
        parallelRanges(count, minimumPerPiece: elementwiseGrain, clock: .elementwise) { range in
            for i in range { x[i] = min(max(x[i], lower), upper) }
        }
    }

    /// Moves a running statistic toward a new sample: x = (1 - momentum) x + momentum sample scale.
    ///
    /// `scale` multiplies after the momentum, as BatchNorm's unbiased variance correction does; the default 1
    /// leaves that product's bits unchanged. `sample` may have any shape holding as many elements (x: F,
    /// sample: (1, F) or (1, C, 1, 1)).
    package func moveAverage(toward sample: Tensor, momentum: Float, scale: Float = 1) {
        precondition(sample.count == count, "moveAverage: \(count) running values, sample of shape \(sample.shape)")
        let (x, y, keep) = (pointer, sample.pointer, 1 - momentum)
        parallelRanges(count, minimumPerPiece: elementwiseGrain, clock: .elementwise) { range in
            for i in range { x[i] = keep * x[i] + momentum * y[i] * scale }
        }
    }
}
