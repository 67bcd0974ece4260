import LatentCore
import LatentLinalg

extension ImageIndexBuilder {
    /// PCA fitted on the source's images as `prepare` makes them, read a chunk at a time: the covariance solver adds
    /// each chunk to a running covariance (in Double), and the SVD or a sample gathers only the rows it fits on.
    ///
    /// - Parameters:
    ///   - source: the images.
    ///   - k: K, the number of components.
    ///   - fitting: the solver and the sample.
    ///   - chunkRows: the most images read at a time.
    ///   - prepare: what the fit sees of each chunk (the images, or their symmetric halves).
    static func fittedPCA(
        on source: IndexSource, components k: Int, fitting: PCA.Fitting, chunkRows: Int,
        preparing prepare: (Tensor) -> Tensor
    ) throws -> PCA {
        let (count, inputSize) = (source.paths.count, source.valuesPerImage)
        let sample = fitting.sampledRows(of: count)
        guard sample == nil, fitting.solver(rows: count, features: inputSize) == .covariance else {
            let rows = try gathered(
                sample ?? Array(0..<count), of: source, chunkRows: chunkRows, preparing: prepare)
            return try PCA.fit(rows, components: k, solver: fitting.solver)
        }
        var accumulated = try CovarianceAccumulator(checkingWidth: inputSize)
        try source.pixels.forEachChunk(of: chunkRows) { _, images in try accumulated.add(prepare(images)) }
        return try PCA.fit(accumulated, components: k)
    }

    /// The images `rows` (ascending) as `prepare` makes them, (S, C*H*W), copied out of each chunk that holds one.
    private static func gathered(
        _ rows: [Int], of source: IndexSource, chunkRows: Int, preparing prepare: (Tensor) -> Tensor
    ) throws -> Tensor {
        let size = source.valuesPerImage
        let gathered = Tensor(uninitializedShape: [rows.count, size])
        var next = 0  // the first of `rows` not copied yet
        try source.pixels.forEachChunk(of: chunkRows) { range, images in
            let wanted = rows[next...].prefix { range.contains($0) }
            guard !wanted.isEmpty else { return }
            let prepared = prepare(images)
            gathered.withUnsafeMutableBufferPointer { gathered in
                prepared.withUnsafeBufferPointer { prepared in
                    for (offset, row) in wanted.enumerated() {
                        (gathered.baseAddress! + (next + offset) * size).update(
                            from: prepared.baseAddress! + (row - range.lowerBound) * size, count: size)
                    }
                }
            }
            next += wanted.count
        }
        return gathered
    }
}
