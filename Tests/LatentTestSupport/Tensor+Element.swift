import LatentCore

extension Tensor {
    /// Element `index` in row-major order, read or written in place: for tests that plant or check one value.
    public subscript(element index: Int) -> Float {
        get { withUnsafeBufferPointer { $0[index] } }
        set { withUnsafeMutableBufferPointer { $0[index] = newValue } }
    }
}
