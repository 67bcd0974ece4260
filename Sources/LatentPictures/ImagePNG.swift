import Foundation

/// One dataset image as a PNG file of its own, grey or RGB as the image is: what `latent data export` writes.
public enum ImagePNG {
    /// The PNG's bytes, or `nil` when zlib cannot compress (it only fails when memory runs out).
    ///
    /// - Parameter values: C * H * W values in [0, 1], channel-major (an `ImageDataset` row); C is 1 or 3.
    ///   Values that are whole bytes over 255 (as decoded files and IDX images are) come back exactly when read.
    public static func encode(_ values: [Float], channels: Int, height: Int, width: Int) -> Data? {
        precondition(
            values.count == channels * height * width,
            "\(values.count) values for a \(channels)x\(height)x\(width) image")
        let plane = height * width
        var interleaved = [UInt8](repeating: 0, count: values.count)
        values.withUnsafeBufferPointer { planar in
            for channel in 0..<channels {
                for pixel in 0..<plane {
                    interleaved[pixel * channels + channel] = UInt8(
                        max(0, min(255, (planar[channel * plane + pixel] * 255).rounded())))
                }
            }
        }
        return PNGEncoder.encode(interleaved, channels: channels, width: width, height: height)
    }
}
