extension Preprocessing {
    /// The preprocessed pixels of the picture file at `path`: (C, H, W) floats in [0, 1], channel-major.
    public func pixels(ofFile path: String, limits: DecodeLimits = .standard) throws(ImageError) -> [Float] {
        try image(ofFile: path, limits: limits).pixels
    }

    /// The preprocessed pixels of a picture file's bytes held in memory (an upload); `name` is used in messages.
    public func pixels(of bytes: [UInt8], name: String, limits: DecodeLimits = .standard) throws(ImageError) -> [Float]
    {
        try apply(to: ImageDecoder.decode(bytes, name: name, limits: limits, minimumShortSide: minimumDecodedSide))
            .pixels
    }

    /// The preprocessed bytes of the file at `path`, as an imported dataset stores them.
    public func image(ofFile path: String, limits: DecodeLimits = .standard) throws(ImageError) -> PreprocessedImage {
        try apply(to: ImageDecoder.decode(contentsOf: path, limits: limits, minimumShortSide: minimumDecodedSide))
    }

    /// A large JPEG is decoded at a reduced scale (libjpeg-turbo's DCT scaling, 1/2 to 1/8) that keeps its short
    /// side at twice the output size or more: several times faster on camera photos, and the area filter then
    /// averages what it would have averaged anyway. Queries go through the same functions, so they match.
    var minimumDecodedSide: Int { 2 * size }

    /// Squares, converts and resizes a decoded image (see the type's description for the steps).
    ///
    /// The file and byte functions above may decode a large JPEG at a reduced scale first; for a query to match
    /// the database exactly, process it with them, not with `apply` on a full-size decode.
    public func apply(to image: DecodedImage) -> PreprocessedImage {
        // The square: `side` pixels, whose coordinate s reads source coordinate s + shift.
        let side = fit == .crop ? min(image.width, image.height) : max(image.width, image.height)
        let shiftX = fit == .crop ? (image.width - side) / 2 : -((side - image.width) / 2)
        let shiftY = fit == .crop ? (image.height - side) / 2 : -((side - image.height) / 2)
        let across = AreaFilter(input: side, output: size, shift: shiftX, sourceLength: image.width)
        let down = AreaFilter(input: side, output: size, shift: shiftY, sourceLength: image.height)
        let rowsRead = Set(down.sources).sorted()
        let (width, height, channels, size) = (image.width, image.height, channels, size)
        let grey = colour == .grey

        // rows: (C, H_source, size), each source row the filter reads resampled across.
        var rows = [Float](repeating: 0, count: channels * height * size)
        let plane = height * size
        image.rgb.withUnsafeBufferPointer { rgb in
            rows.withUnsafeMutableBufferPointer { rows in
                for y in rowsRead {
                    let line = rgb.baseAddress! + y * width * 3
                    for x in 0..<size {
                        var (red, green, blue): (Float, Float, Float) = (0, 0, 0)
                        for tap in across.taps[x] {
                            let pixel = line + across.sources[tap] * 3
                            let weight = across.weights[tap]
                            red += weight * Float(pixel[0])
                            green += weight * Float(pixel[1])
                            blue += weight * Float(pixel[2])
                        }
                        if grey {
                            rows[y * size + x] = Self.luma(red: red, green: green, blue: blue)
                        } else {
                            rows[y * size + x] = red
                            rows[plane + y * size + x] = green
                            rows[2 * plane + y * size + x] = blue
                        }
                    }
                }
            }
        }

        // bytes: (C, size, size), the rows resampled down and rounded.
        var bytes = [UInt8](repeating: 0, count: valuesPerImage)
        rows.withUnsafeBufferPointer { rows in
            for channel in 0..<channels {
                let rows = rows.baseAddress! + channel * plane
                for y in 0..<size {
                    for x in 0..<size {
                        var value: Float = 0
                        for tap in down.taps[y] { value += down.weights[tap] * rows[down.sources[tap] * size + x] }
                        bytes[(channel * size + y) * size + x] = UInt8(min(max(value.rounded(), 0), 255))
                    }
                }
            }
        }
        return PreprocessedImage(channels: channels, size: size, bytes: bytes)
    }

    /// ITU-R BT.601 luma, the grey of JPEG's YCbCr and of most image libraries' grey conversion.
    /// Linear, so converting after the across pass equals converting each pixel first.
    static func luma(red: Float, green: Float, blue: Float) -> Float { 0.299 * red + 0.587 * green + 0.114 * blue }
}
