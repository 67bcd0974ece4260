/// The largest image a decoder accepts, checked from the header before any pixel is decoded.
///
/// A small file can declare an enormous image (a decompression bomb); decoding it would take
/// gigabytes. The defaults accept any camera photo of today.
public struct DecodeLimits: Sendable, Equatable {
    /// Width times height, e.g. 50,000,000 (a 50-megapixel photo holds 150 MB of RGB bytes).
    public var maxPixels: Int
    /// The size of the file itself.
    public var maxBytes: Int

    public static let standard = DecodeLimits(maxPixels: 50_000_000, maxBytes: 256 << 20)

    public init(maxPixels: Int, maxBytes: Int) {
        self.maxPixels = maxPixels
        self.maxBytes = maxBytes
    }
}
