import LatentImages

/// JPEG re-encoding: the blocks, ringing and colour loss of a photo saved again by a shop's tool or a chat app.
enum JPEGRoundTrip {
    /// Compresses `image` with libjpeg-turbo at `quality` and decodes it back in place.
    ///
    /// libjpeg-turbo fails here only when memory runs out; the image is then left as it was.
    static func apply(to image: UnsafeMutableBufferPointer<Float>, _ layout: ImagePlanes, quality: Int) {
        // image: (C, H, W) planar; the encoder takes (H, W, C) interleaved bytes.
        var bytes = [UInt8](repeating: 0, count: layout.count)
        bytes.withUnsafeMutableBufferPointer { interleaved in
            for i in 0..<layout.area {
                for channel in 0..<layout.channels {
                    let value = min(max(image[channel * layout.area + i], 0), 1)
                    interleaved[i * layout.channels + channel] = UInt8((value * 255).rounded())
                }
            }
        }
        guard
            let encoded = JPEGEncoder.encode(
                bytes, channels: layout.channels, width: layout.width, height: layout.height, quality: quality),
            let decoded = try? ImageDecoder.decode(encoded, name: "an augmented view")
        else { return }
        // The decoder widens grey to three equal channels; a grey image takes the first.
        decoded.rgb.withUnsafeBufferPointer { rgb in
            for i in 0..<layout.area {
                for channel in 0..<layout.channels {
                    image[channel * layout.area + i] = PreprocessedImage.unitPixel(rgb[i * 3 + channel])
                }
            }
        }
    }
}
