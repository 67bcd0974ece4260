/// One image after preprocessing: channels x size x size bytes, channel-major, as an imported dataset stores it.
public struct PreprocessedImage: Sendable, Equatable {
    public let channels: Int
    public let size: Int
    /// (C, H, W) bytes: all of red, then all of green, then all of blue (or one grey plane).
    public let bytes: [UInt8]

    public init(channels: Int, size: Int, bytes: [UInt8]) {
        precondition(bytes.count == channels * size * size, "\(bytes.count) bytes for \(channels)x\(size)x\(size)")
        self.channels = channels
        self.size = size
        self.bytes = bytes
    }

    /// (C, H, W) values in [0, 1]: the bytes divided by 255, exactly as an imported dataset is loaded.
    public var pixels: [Float] { Self.unitPixels(bytes) }

    /// Bytes scaled to [0, 1], the one conversion every reader of imported bytes uses so that a query image
    /// and the same image read from a dataset give identical floats.
    public static func unitPixels(_ bytes: [UInt8]) -> [Float] { bytes.map(unitPixel) }

    /// One byte scaled to [0, 1].
    @inline(__always) public static func unitPixel(_ byte: UInt8) -> Float { Float(byte) * (1 / 255) }
}
