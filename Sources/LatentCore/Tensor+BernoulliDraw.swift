extension Tensor {
    /// A binary tensor of this one's shape: each element is 1 with the probability this one holds there (values in
    /// [0, 1]), drawn with one uniform number per element, in order; no gradient.
    ///
    /// - Parameter generator: draws the uniform numbers.
    public func bernoulliDraw(using generator: inout some RandomNumberGenerator) -> Tensor {
        let out = Tensor(uninitializedShape: shape)
        let (p, y) = (pointer, out.pointer)
        // 24 random bits per element compared against the probability scaled to 2^24: exact for every Float in
        // [0, 1] that a byte-valued pixel gives, and one generator call per element.
        for i in 0..<count {
            let draw = Float(generator.next() >> 40) * 0x1p-24
            y[i] = draw < p[i] ? 1 : 0
        }
        return out
    }
}
