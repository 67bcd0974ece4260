extension Preprocessing {
    /// The preprocessed pixels of the JPEG or PNG file at `path`: (C, H, W) floats in [0, 1], channel-major.
    public func pixels(ofFile path: String, limits: DecodeLimits = .standard) throws(ImageError) -> [Float] {
        try apply(to: ImageDecoder.decode(contentsOf: path, limits: limits)).pixels
    }

    /// The preprocessed pixels of JPEG or PNG bytes held in memory (an upload); `name` is used in messages.
    public func pixels(of bytes: [UInt8], name: String, limits: DecodeLimits = .standard) throws(ImageError) -> [Float] {
        try apply(to: ImageDecoder.decode(bytes, name: name, limits: limits)).pixels
    }

    /// The preprocessed bytes of the file at `path`, as an imported dataset stores them.
    public func image(ofFile path: String, limits: DecodeLimits = .standard) throws(ImageError) -> PreprocessedImage {
        try apply(to: ImageDecoder.decode(contentsOf: path, limits: limits))
    }

    /// Squares, converts and resizes a decoded image (see the type's description for the steps).
    public func apply(to image: DecodedImage) -> PreprocessedImage {
        // The square: `side` pixels, whose coordinate s reads source coordinate s + shift.
        let side = fit == .crop ? min(image.width, image.height) : max(image.width, image.height)
        let shiftX = fit == .crop ? (image.width - side) / 2 : -((side - image.width) / 2)
        let shiftY = fit == .crop ? (image.height - side) / 2 : -((side - image.height) / 2)
        let across = AreaFilter(input: side, output: size, shift: shiftX, sourceLength: image.width)
        let down = AreaFilter(input: side, output: size, shift: shiftY, sourceLength: image.height)
        let rowsRead = Set(down.taps.joined().map(\.source))

        // rows: (C, H_source, size), each source row the filter reads resampled across.
        var rows = [Float](repeating: 0, count: channels * image.height * size)
        image.rgb.withUnsafeBufferPointer { rgb in
            for y in rowsRead {
                for (x, taps) in across.taps.enumerated() {
                    var (red, green, blue): (Float, Float, Float) = (0, 0, 0)
                    for (source, weight) in taps {
                        let start = (y * image.width + source) * 3
                        red += weight * Float(rgb[start])
                        green += weight * Float(rgb[start + 1])
                        blue += weight * Float(rgb[start + 2])
                    }
                    if colour == .grey {
                        rows[y * size + x] = Self.luma(red: red, green: green, blue: blue)
                    } else {
                        let plane = image.height * size
                        rows[y * size + x] = red
                        rows[plane + y * size + x] = green
                        rows[2 * plane + y * size + x] = blue
                    }
                }
            }
        }

        // bytes: (C, size, size), the rows resampled down and rounded.
        var bytes = [UInt8](repeating: 0, count: valuesPerImage)
        for channel in 0..<channels {
            let plane = channel * image.height * size
            for (y, taps) in down.taps.enumerated() {
                for x in 0..<size {
                    var value: Float = 0
                    for (source, weight) in taps { value += weight * rows[plane + source * size + x] }
                    bytes[(channel * size + y) * size + x] = UInt8(min(max(value.rounded(), 0), 255))
                }
            }
        }
        return PreprocessedImage(channels: channels, size: size, bytes: bytes)
    }

    /// ITU-R BT.601 luma, the grey of JPEG's YCbCr and of most image libraries' grey conversion.
    /// Linear, so converting after the across pass equals converting each pixel first.
    static func luma(red: Float, green: Float, blue: Float) -> Float { 0.299 * red + 0.587 * green + 0.114 * blue }
}
