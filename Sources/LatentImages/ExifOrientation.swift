/// How a camera says its stored pixels must be turned to be shown upright: the EXIF Orientation tag (1...8).
///
/// The names say what the stored image needs: `.rotatedClockwise` (6) is shown after a quarter turn
/// clockwise, the usual tag of a phone held upright.
public enum ExifOrientation: Int, Sendable, CaseIterable {
    case upright = 1
    case mirrored = 2
    case upsideDown = 3
    case flipped = 4
    case transposed = 5
    case rotatedClockwise = 6
    case transversed = 7
    case rotatedAnticlockwise = 8

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
