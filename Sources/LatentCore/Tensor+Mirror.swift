/// Left-right mirror images, for flipped training views and for search codes that a mirrored copy cannot change.
extension Tensor {
    /// A copy whose every image is mirrored left to right.
    ///
    /// Each row holds one image of C * H * W planar values; mirroring reverses each run of `width` values, so the
    /// channels and the height need not be known.
    /// - Parameter width: the images' width in pixels; it must divide the row length.
    public func mirroredHorizontally(width: Int) -> Tensor {
        precondition(width > 0 && count % width == 0, "mirror: \(count) values are not rows of \(width) pixels")
        let result = copy()
        mirrorRows(UnsafeMutableBufferPointer(start: result.pointer, count: count), width: width)
        return result
    }
}

/// Reverses each run of `width` values of `values` in place: a left-right mirror of planar images.
package func mirrorRows(_ values: UnsafeMutableBufferPointer<Float>, width: Int) {
    // values: (rows, width), rows = N * C * H
    var start = 0
    while start < values.count {
        var (left, right) = (start, start + width - 1)
        while left < right {
            values.swapAt(left, right)
            left += 1
            right -= 1
        }
        start += width
    }
}
