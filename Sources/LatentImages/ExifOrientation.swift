/// How a camera says its stored pixels must be turned to be shown upright: the EXIF Orientation tag (1...8).
///
/// The names say what the stored image needs: `.rotatedClockwise` (6) is shown after a quarter turn
/// clockwise, the usual tag of a phone held upright.
public enum ExifOrientation: Int, Sendable, CaseIterable {
    case upright = 1, mirrored = 2, upsideDown = 3, flipped = 4
    case transposed = 5, rotatedClockwise = 6, transversed = 7, rotatedAnticlockwise = 8

    /// Whether width and height trade places.
    var swapsAxes: Bool { rawValue >= 5 }

    /// The stored pixel (column, row) shown at (x, y) of the upright image; `width` and `height` are the stored ones.
    func sourcePixel(x: Int, y: Int, width: Int, height: Int) -> (x: Int, y: Int) {
        switch self {
        case .upright: return (x, y)
        case .mirrored: return (width - 1 - x, y)
        case .upsideDown: return (width - 1 - x, height - 1 - y)
        case .flipped: return (x, height - 1 - y)
        case .transposed: return (y, x)
        case .rotatedClockwise: return (y, height - 1 - x)
        case .transversed: return (width - 1 - y, height - 1 - x)
        case .rotatedAnticlockwise: return (width - 1 - y, x)
        }
    }
}

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
