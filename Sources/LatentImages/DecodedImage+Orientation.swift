extension DecodedImage {
    /// The image turned upright as `orientation` asks.
    public func oriented(_ orientation: ExifOrientation) -> DecodedImage {
        guard orientation != .upright else { return self }
        let (newWidth, newHeight) = orientation.swapsAxes ? (height, width) : (width, height)
        var turned = [UInt8](repeating: 0, count: rgb.count)
        rgb.withUnsafeBufferPointer { source in
            turned.withUnsafeMutableBufferPointer { target in
                for y in 0..<newHeight {
                    for x in 0..<newWidth {
                        let from = orientation.sourcePixel(x: x, y: y, width: width, height: height)
                        let (s, t) = ((from.y * width + from.x) * 3, (y * newWidth + x) * 3)
                        target[t] = source[s]
                        target[t + 1] = source[s + 1]
                        target[t + 2] = source[s + 2]
                    }
                }
            }
        }
        return DecodedImage(width: newWidth, height: newHeight, rgb: turned)
    }
}
